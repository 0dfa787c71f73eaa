"""One way to send a message: every email leaves through `providers.messaging` (SMTP or GOV.UK Notify, chosen by
settings). No app module calls Django's mail functions or builds an email itself."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.unit.test_one_clock import APPS, ROOT

MAIL_NAMES = {"send_mail", "send_mass_mail", "mail_admins", "mail_managers", "EmailMessage", "EmailMultiAlternatives",
              "get_connection"}  # fmt: skip
THE_SENDER = Path("providers/messaging.py")


def _mail_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("django.core.mail"):
            found += [f"{path.relative_to(ROOT)}:{node.lineno} imports {a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            found += [f"{path.relative_to(ROOT)}:{node.lineno} imports {a.name}" for a in node.names
                      if a.name.startswith("django.core.mail")]  # fmt: skip
        elif isinstance(node, ast.Attribute) and node.attr in MAIL_NAMES and node.attr != "send_mail":
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} uses {node.attr}")
    return found


def test_only_the_sender_touches_djangos_mail():
    problems = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if path.relative_to(ROOT) != THE_SENDER and "migrations" not in path.parts:
                problems += _mail_uses(path)
    assert not problems, "Send messages through providers.messaging.send_message:\n" + "\n".join(problems)


def test_the_check_sees_a_direct_send(tmp_path):
    sample = ROOT / "var" / "one_sender_sample.py"
    sample.parent.mkdir(exist_ok=True)
    sample.write_text("from django.core.mail import send_mail\nsend_mail('s', 'b', None, ['a@b.c'])\n")
    try:
        assert _mail_uses(sample) == ["var/one_sender_sample.py:1 imports send_mail"]
    finally:
        sample.unlink()
