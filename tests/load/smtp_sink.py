"""A local SMTP server for the load stack: every message received is written to a file in a folder.

python -m tests.load.smtp_sink --port 1025 --dir var/stack/mail

One file per message (`<time>-<n>.eml`), so the fault tests can count deliveries. Runs until SIGTERM.
"""

from __future__ import annotations

import argparse
import itertools
import signal
import threading
import time
from pathlib import Path

from aiosmtpd.controller import Controller


class FolderHandler:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        name = f"{time.time_ns()}-{next(self.counter)}.eml"
        head = f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n".encode()
        (self.folder / (name + ".tmp")).write_bytes(head + envelope.content)
        (self.folder / (name + ".tmp")).rename(self.folder / name)
        return "250 Message accepted for delivery"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    controller = Controller(FolderHandler(folder), hostname="127.0.0.1", port=args.port)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
