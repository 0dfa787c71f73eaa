"""Drive the stack of scripts/stack.sh from Python: start/stop, faults, a signed-in HTTP client, SQL on its database."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import requests

from tests.load.helpers import csrf, totp

ROOT = Path(__file__).resolve().parents[2]


class Stack:
    def __init__(self, directory: Path, **tunables: str) -> None:
        """`tunables` are passed to scripts/stack.sh as environment variables, e.g. STACK_STALE_TASK_MINUTES="1"."""
        self.dir = directory
        self.script = ROOT / "scripts" / "stack.sh"
        self.tunables = tunables

    def run(self, *args: str, check: bool = True) -> str:
        env = {**os.environ, **self.tunables, "STACK_DIR": str(self.dir)}
        done = subprocess.run([str(self.script), *args], env=env, capture_output=True, text=True, check=False)
        if check and done.returncode:
            raise RuntimeError(f"stack.sh {' '.join(args)} failed: {done.stdout}\n{done.stderr}")
        return done.stdout

    @property
    def env(self) -> dict[str, str]:
        lines = (self.dir / "env").read_text().splitlines()
        return dict(line.split("=", 1) for line in lines if "=" in line)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.env['WEB_PORT_STACK']}"

    def manage(self, *args: str) -> str:
        done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**os.environ, **self.env},
                              capture_output=True, text=True, check=True, timeout=300)
        return done.stdout

    def sql(self, query: str, params: tuple = ()) -> list[tuple]:
        with psycopg.connect(self.env["DATABASE_URL"], autocommit=True) as conn:
            cursor = conn.execute(query, params)
            return cursor.fetchall() if cursor.description else []

    def scalar(self, query: str, params: tuple = ()):
        return self.sql(query, params)[0][0]

    def mail(self) -> list[str]:
        return [p.read_text(errors="replace") for p in sorted((self.dir / "mail").glob("*.eml"))]

    def client(self, email: str, password: str, *, secret: str | None = None) -> requests.Session:
        session = requests.Session()
        page = session.get(f"{self.url}/accounts/login/", timeout=30)
        response = session.post(f"{self.url}/accounts/login/", timeout=30, data={
            "csrfmiddlewaretoken": csrf(page.text), "login": email, "password": password})
        if secret and "/2fa/authenticate" in response.url:
            response = session.post(f"{self.url}/accounts/2fa/authenticate/", timeout=30, data={
                "csrfmiddlewaretoken": csrf(response.text), "code": totp(secret)})
        assert "/accounts/login" not in response.url and "/2fa/" not in response.url, f"{email} could not sign in"
        return session

    def wait_healthy(self, timeout: float = 30) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/healthz", timeout=5).status_code == 200:
                    return True
            except requests.RequestException:
                pass
            time.sleep(0.5)
        return False


def wait_until(condition, *, timeout: float, every: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    return condition()
