#!/usr/bin/env bash
# Start the django-q2 worker and the development web server together; stopping one stops both.
# PORT chooses the web server's port (default 8000).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
setsid "$PY" manage.py qcluster &
WORKER=$!
stop_worker() {
  kill -TERM -- "-$WORKER" 2>/dev/null || true
  sleep 2
  kill -KILL -- "-$WORKER" 2>/dev/null || true
}
trap stop_worker EXIT INT TERM
"$PY" manage.py rundevserver "127.0.0.1:${PORT:-8000}"
