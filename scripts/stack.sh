#!/usr/bin/env bash
# A production-like stack on 127.0.0.1 for load and fault tests: its own throw-away PostgreSQL cluster, Redis,
# gunicorn (DEBUG=0), two django-q2 worker processes (Redis broker) and a local SMTP server.
#
#   scripts/stack.sh start [--providers N]   # initdb, start everything, migrate, seed demo + load data, print URLs
#   scripts/stack.sh stop                    # stop everything it started (by PID) and delete the cluster
#   scripts/stack.sh status
#   scripts/stack.sh env                     # the environment of the stack (source it to run manage.py against it)
# Faults (used by tests/load/test_faults.py):
#   scripts/stack.sh kill-worker 1|2 | start-worker 1|2 | restart-db | stop-smtp | start-smtp
#
# Settings: tests.load.settings_load = config.settings with the per-address rate limits raised (every simulated
# user comes from 127.0.0.1) and non-Secure cookies (plain HTTP). STACK_DIR (default var/stack) holds PID files,
# logs, the received mail (mail/) and accounts.json. Tunables: STACK_WEB_WORKERS (4), STACK_WEB_THREADS (4),
# STACK_Q_WORKERS (1 per worker process), STACK_PROVIDERS (250), STACK_STALE_TASK_MINUTES (15: how long an upload check
# or a workbook may make no progress before the requeue schedules queue it again; the fault tests use 1).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY="$ROOT/.venv/bin/python"
STACK_DIR=${STACK_DIR:-$ROOT/var/stack}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
mkdir -p "$STACK_DIR"
STACK_DIR=$(cd "$STACK_DIR" && pwd)  # absolute: redis-server changes directory before opening its log file

# Four distinct free ports, held open together while they are chosen: chosen one at a time, the kernel may hand out
# the same port twice (CI once gave gunicorn Redis's port: gunicorn could not bind, and Redis, seeing "Host:", closed
# every HTTP connection without a response).
free_ports() { "$PY" -c 'import socket
held = [socket.socket() for _ in range(4)]
for s in held: s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in held))'; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }  # initdb refuses root
load_env() { set -a; . "$STACK_DIR/env"; set +a; }

write_env() {
  local pg=$1 redis=$2 web=$3 smtp=$4 pgdata=$5
  cat > "$STACK_DIR/env" <<ENV
PGPORT_STACK=$pg
REDIS_PORT_STACK=$redis
WEB_PORT_STACK=$web
SMTP_PORT_STACK=$smtp
PGDATA_STACK=$pgdata
DJANGO_SETTINGS_MODULE=tests.load.settings_load
DEBUG=0
SECRET_KEY=stack-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
ALLOWED_HOSTS=127.0.0.1,localhost
DATABASE_URL=postgres://cwr:cwr@127.0.0.1:$pg/cwr
REDIS_URL=redis://127.0.0.1:$redis/0
EMAIL_URL=smtp://127.0.0.1:$smtp
SECURE_SSL_REDIRECT=0
SECURE_HSTS_SECONDS=0
SITE_URL=http://127.0.0.1:$web
Q_WORKERS=${STACK_Q_WORKERS:-1}
STALE_TASK_MINUTES=${STACK_STALE_TASK_MINUTES:-15}
STACK_RELAX_LIMITS=1
STACK_PLAIN_HTTP=1
LOG_LEVEL=WARNING
ENV
}

start_db() {
  load_env
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA_STACK" -l "$PGDATA_STACK/server.log" -w -t 60 \
    -o "-p $PGPORT_STACK -h 127.0.0.1 -k $PGDATA_STACK" start >/dev/null
}

start_smtp() {
  load_env
  setsid "$PY" -m tests.load.smtp_sink --port "$SMTP_PORT_STACK" --dir "$STACK_DIR/mail" \
    >>"$STACK_DIR/smtp.log" 2>&1 < /dev/null &
  echo $! > "$STACK_DIR/smtp.pid"
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$SMTP_PORT_STACK") 2>/dev/null && return 0; sleep 0.1; done
  echo "SMTP server did not start" >&2; return 1
}

start_worker() {
  load_env
  # Niced: on one machine, checking uploads and building workbooks waits for the web pages, not the other way round.
  setsid nice -n 10 "$PY" manage.py qcluster >>"$STACK_DIR/worker$1.log" 2>&1 < /dev/null &
  echo $! > "$STACK_DIR/worker$1.pid"
}

# stop_pidfile FILE [group]: TERM, wait up to 15 s, then KILL (the whole process group when asked). TERM goes to the
# process only: a qcluster then stops its sentinel and workers itself, in about 3 s. TERMed with the group, its
# sentinel dies at once (django-q2 leaves SIGTERM at its default there) and the main process hangs until the KILL.
stop_pidfile() {
  local file=$1 pid target
  alive "$file" || { rm -f "$file"; return 0; }
  pid=$(cat "$file"); target=$pid; [ "${2:-}" = group ] && target="-$pid"
  kill -TERM -- "$pid" 2>/dev/null || true
  for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "$target" 2>/dev/null || true
  rm -f "$file"
}

cmd_start() {
  if [ -f "$STACK_DIR/env" ] && alive "$STACK_DIR/gunicorn.pid"; then echo "Already running"; cmd_status; return 0; fi
  local pgdata; pgdata=$(mktemp -d /tmp/cwr-stack-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres "$pgdata"; chmod 700 "$pgdata"
  local ports; read -r -a ports <<< "$(free_ports)"
  write_env "${ports[0]}" "${ports[1]}" "${ports[2]}" "${ports[3]}" "$pgdata"
  load_env
  rm -rf "$STACK_DIR/mail"; mkdir -p "$STACK_DIR/mail"
  echo "PostgreSQL: initdb in $pgdata"
  as_pg "$PGBIN/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 >/dev/null
  cat >> "$pgdata/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
max_connections = 200
shared_buffers = 128MB
CONF
  start_db
  as_pg "$PGBIN/psql" -q -h 127.0.0.1 -p "$PGPORT_STACK" -U postgres -c "CREATE ROLE cwr LOGIN PASSWORD 'cwr'" \
    -c "CREATE DATABASE cwr OWNER cwr" >/dev/null
  echo "Redis"
  redis-server --port "$REDIS_PORT_STACK" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --pidfile "$STACK_DIR/redis.pid" --logfile "$STACK_DIR/redis.log" --dir "$STACK_DIR"
  echo "SMTP"
  start_smtp
  echo "Migrate, collect static files, demo and load data"
  "$PY" manage.py migrate --no-input -v 0
  "$PY" manage.py collectstatic --no-input -v 0
  "$PY" manage.py seed_demo >/dev/null
  "$PY" -m tests.load.seed --providers "${STACK_PROVIDERS:-250}" --out "$STACK_DIR/accounts.json"
  rm -f "$STACK_DIR"/mail/*.eml  # receipts from seeding are not part of any run
  echo "Web (gunicorn) and two task workers"
  "$ROOT/.venv/bin/gunicorn" config.wsgi:application --config "$ROOT/config/gunicorn.conf.py" --bind "127.0.0.1:$WEB_PORT_STACK" \
    --workers "${STACK_WEB_WORKERS:-4}" --threads "${STACK_WEB_THREADS:-4}" --timeout 60 --keep-alive 30 \
    --pid "$STACK_DIR/gunicorn.pid" --error-logfile "$STACK_DIR/gunicorn.log" --access-logfile "$STACK_DIR/access.log" --capture-output \
    --control-socket "$STACK_DIR/gunicorn.ctl" --daemon
  start_worker 1
  start_worker 2
  local healthy=""
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$WEB_PORT_STACK/healthz" >/dev/null && { healthy=1; break; }; sleep 0.2; done
  if [ -z "$healthy" ]; then
    echo "gunicorn did not answer /healthz on port $WEB_PORT_STACK within 60 s; the end of its log:" >&2
    tail -n 40 "$STACK_DIR/gunicorn.log" >&2 || true
    return 1
  fi
  cmd_status
}

cmd_stop() {
  [ -f "$STACK_DIR/env" ] || { echo "Not running"; return 0; }
  load_env
  stop_pidfile "$STACK_DIR/gunicorn.pid"
  stop_pidfile "$STACK_DIR/worker1.pid" group
  stop_pidfile "$STACK_DIR/worker2.pid" group
  stop_pidfile "$STACK_DIR/smtp.pid"
  stop_pidfile "$STACK_DIR/redis.pid"
  if [ -d "$PGDATA_STACK" ]; then
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA_STACK" -m fast -w stop >/dev/null 2>&1 || true
    case "$PGDATA_STACK" in /tmp/cwr-stack-pg.*) rm -rf "$PGDATA_STACK" ;; esac
  fi
  rm -f "$STACK_DIR/env"
  echo "Stopped"
}

cmd_status() {
  [ -f "$STACK_DIR/env" ] || { echo "Not running"; return 1; }
  load_env
  local name
  for name in gunicorn worker1 worker2 smtp redis; do
    if alive "$STACK_DIR/$name.pid"; then echo "$name: running (pid $(cat "$STACK_DIR/$name.pid"))"
    else echo "$name: stopped"; fi
  done
  if as_pg "$PGBIN/pg_ctl" -D "$PGDATA_STACK" status >/dev/null 2>&1; then echo "postgres: running"; else echo "postgres: stopped"; fi
  echo "Web:        http://127.0.0.1:$WEB_PORT_STACK/  (health: /healthz)"
  echo "PostgreSQL: $DATABASE_URL"
  echo "Redis:      $REDIS_URL"
  echo "SMTP:       127.0.0.1:$SMTP_PORT_STACK (messages in $STACK_DIR/mail/)"
  echo "Accounts:   $STACK_DIR/accounts.json"
}

case "${1:-}" in
  start) shift; [ "${1:-}" = --providers ] && export STACK_PROVIDERS=$2; cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) cat "$STACK_DIR/env" ;;
  ports) free_ports ;;
  kill-worker) load_env; alive "$STACK_DIR/worker$2.pid" && kill -KILL -- "-$(cat "$STACK_DIR/worker$2.pid")"; rm -f "$STACK_DIR/worker$2.pid" ;;
  start-worker) start_worker "$2" ;;
  restart-db) load_env; as_pg "$PGBIN/pg_ctl" -D "$PGDATA_STACK" -m fast -w restart \
      -o "-p $PGPORT_STACK -h 127.0.0.1 -k $PGDATA_STACK" -l "$PGDATA_STACK/server.log" >/dev/null ;;
  stop-db) load_env; as_pg "$PGBIN/pg_ctl" -D "$PGDATA_STACK" -m fast -w stop >/dev/null ;;
  start-db) start_db ;;
  stop-smtp) stop_pidfile "$STACK_DIR/smtp.pid" ;;
  start-smtp) start_smtp ;;
  *) echo "usage: $0 start [--providers N]|stop|status|env|kill-worker N|start-worker N|restart-db|stop-db|start-db|stop-smtp|start-smtp" >&2; exit 2 ;;
esac
