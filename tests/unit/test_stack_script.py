"""scripts/stack.sh picks its four ports (PostgreSQL, Redis, web, SMTP) together, so no two services share one.

Picked one at a time, the kernel could hand out the same free port twice: CI once gave gunicorn Redis's port, so
gunicorn could not bind and every HTTP request reached Redis, which closes a connection that looks like HTTP."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_stack_ports_are_four_distinct_free_ports(tmp_path):
    env = {**os.environ, "STACK_DIR": str(tmp_path)}
    for _ in range(20):
        out = subprocess.run([str(ROOT / "scripts" / "stack.sh"), "ports"], env=env, capture_output=True, text=True,
                             check=True).stdout.split()
        ports = [int(p) for p in out]
        assert len(ports) == 4 and len(set(ports)) == 4, ports
        assert all(1024 < p < 65536 for p in ports)
