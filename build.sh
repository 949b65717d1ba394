#!/usr/bin/env bash
# The README's two commands:
#   ./build.sh run    the whole CRM through the Aspire AppHost (local mode: SQLite files, this machine's RabbitMQ,
#                     installed if missing), with its dashboard; Ctrl-C stops everything it started
#   ./build.sh test   make sure RabbitMQ runs, then run every test
# and one more for the figures in docs/performance.md:
#   ./build.sh bench  run the benchmarks in bench/
# and two for operators (docs/operations.md, "Backups and restore"):
#   ./build.sh backup [TARGET]   online backup of every service's database into a set under TARGET (or $CRM_BACKUP_DIR)
#   ./build.sh restore SET...    verify the set(s) and restore them into the data folder, the system stopped
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SOLUTION="$ROOT/Crm.sln"
DATA="${CRM_DATA_DIR:-$ROOT/.data}"
BROKER_URI="${CRM_RABBITMQ_URI:-amqp://guest:guest@localhost:5672}"
GATEWAY_PORT="${CRM_GATEWAY_PORT:-5100}"
DASHBOARD_PORT="${CRM_DASHBOARD_PORT:-18888}"
OTLP_PORT="${CRM_OTLP_PORT:-18889}"
CONFIGURATION="${CRM_CONFIGURATION:-Release}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say()  { printf '\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\033[31mError: %s\033[0m\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"
  else return 1; fi
}

require_dotnet() {
  command -v dotnet >/dev/null || fail "the .NET 10 SDK is not installed: see https://dot.net/download (global.json pins SDK 10.0.1xx or later)."
}

STARTED_BROKER=0
ensure_broker() {
  local host port
  host=$(sed -E 's#^amqps?://([^@/]*@)?([^:/]+).*#\2#' <<<"$BROKER_URI")
  port=$(sed -nE 's#^amqps?://([^@/]*@)?[^:/]+:([0-9]+).*#\2#p' <<<"$BROKER_URI"); port=${port:-5672}
  if port_open "$host" "$port"; then
    say "RabbitMQ is answering on $host:$port"
    enable_management "$host"
    return
  fi
  if [ "$host" != localhost ] && [ "$host" != 127.0.0.1 ]; then
    fail "no RabbitMQ answers at $host:$port (CRM_RABBITMQ_URI). Start that broker, or unset CRM_RABBITMQ_URI to use a local one."
  fi

  install_rabbitmq

  say "Starting RabbitMQ"
  as_root rabbitmq-server -detached >/dev/null 2>&1 \
    || fail "could not start rabbitmq-server: run 'sudo rabbitmq-server -detached' yourself, then run this again."
  STARTED_BROKER=1
  for _ in $(seq 1 60); do
    if port_open localhost 5672 && as_root rabbitmqctl status >/dev/null 2>&1; then
      enable_management localhost
      say "RabbitMQ is up (management UI on http://localhost:15672, guest/guest)"
      return
    fi
    sleep 1
  done
  fail "RabbitMQ did not come up within 60 s; see /var/log/rabbitmq/ for why."
}

install_rabbitmq() {
  if ! command -v rabbitmq-server >/dev/null; then
    say "Installing RabbitMQ (Debian package rabbitmq-server)"
    if ! command -v apt-get >/dev/null; then
      fail "RabbitMQ is not running and this is not a Debian/Ubuntu machine. Install RabbitMQ 3.10+ and start it on localhost:5672
       (or point CRM_RABBITMQ_URI at one), then run this again."
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null \
      && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q rabbitmq-server >/dev/null \
      || fail "could not install rabbitmq-server: run as root or with passwordless sudo, or install it yourself:
       sudo apt-get update && sudo apt-get install -y rabbitmq-server"
  fi
}

# The tests create a virtual host per fixture through the management API (port 15672), which ships with RabbitMQ.
enable_management() {
  local host=$1
  port_open "$host" 15672 && return
  if [ "$host" = localhost ] || [ "$host" = 127.0.0.1 ]; then
    if command -v rabbitmq-plugins >/dev/null && as_root rabbitmq-plugins enable --quiet rabbitmq_management >/dev/null 2>&1; then
      for _ in $(seq 1 30); do port_open localhost 15672 && return; sleep 1; done
    fi
  fi
  say "Note: RabbitMQ's management API (port 15672) is not answering; the tests need it ('rabbitmq-plugins enable rabbitmq_management')."
}

stop_broker_if_started() {
  if [ "$STARTED_BROKER" = 1 ]; then say "Stopping the RabbitMQ this script started"; as_root rabbitmqctl stop >/dev/null 2>&1 || true; fi
}

APPHOST_PID=""
stop_all() {
  # A second Ctrl-C (or TERM) must not cut the clean-up short and leave the AppHost running.
  trap '' INT TERM
  trap - EXIT
  if [ -n "$APPHOST_PID" ] && kill -0 "$APPHOST_PID" 2>/dev/null; then
    say "Stopping the AppHost and everything it started"
    # SIGTERM: the AppHost stops its resources (services, gateway, its RabbitMQ node) before it exits.
    kill -TERM "$APPHOST_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$APPHOST_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL "$APPHOST_PID" 2>/dev/null || true
  fi
  stop_broker_if_started
}

# Which RabbitMQ the AppHost uses: CRM_RABBITMQ_URI when set; otherwise a node of its own, which the dashboard shows and
# Ctrl-C stops, on localhost:5672 (CRM_BROKER_PORT), or on the next free port when another broker already holds it.
broker_for_apphost() {
  local host port
  if [ -n "${CRM_RABBITMQ_URI:-}" ]; then
    host=$(sed -E 's#^amqps?://([^@/]*@)?([^:/]+).*#\2#' <<<"$CRM_RABBITMQ_URI")
    port=$(sed -nE 's#^amqps?://([^@/]*@)?[^:/]+:([0-9]+).*#\2#p' <<<"$CRM_RABBITMQ_URI"); port=${port:-5672}
    port_open "$host" "$port" || fail "no RabbitMQ answers at $host:$port (CRM_RABBITMQ_URI). Start it, or unset CRM_RABBITMQ_URI to let the AppHost run its own."
    say "The AppHost uses the RabbitMQ at $host:$port (CRM_RABBITMQ_URI)" >&2
    echo "ConnectionStrings__messaging=$CRM_RABBITMQ_URI"
    return
  fi
  install_rabbitmq >&2
  port="${CRM_BROKER_PORT:-5672}"
  while port_open localhost "$port" || port_open localhost $((port + 10000)) || port_open localhost $((port + 20000)); do port=$((port + 1)); done
  [ "$port" = "${CRM_BROKER_PORT:-5672}" ] || say "Another broker holds localhost:${CRM_BROKER_PORT:-5672}: the AppHost's RabbitMQ takes $port" >&2
  say "The AppHost runs its own RabbitMQ node on localhost:$port (management on $((port + 10000)); data in $DATA/rabbitmq)" >&2
  echo "Crm__BrokerPort=$port Crm__BrokerManagementPort=$((port + 10000))"
}

run() {
  require_dotnet
  command -v curl >/dev/null || fail "curl is needed to check the services' health: apt-get install curl"
  trap 'stop_all; exit 130' INT TERM
  trap stop_all EXIT
  local broker port
  broker=$(broker_for_apphost)
  for port in "$GATEWAY_PORT" "$DASHBOARD_PORT" "$OTLP_PORT" 5101 5102 5103 5104 5105 5106; do
    port_open localhost "$port" && fail "port $port is already in use: is another './build.sh run' still running?"
  done
  say "Building ($CONFIGURATION)"
  dotnet build "$ROOT/Crm.AppHost/Crm.AppHost.csproj" -c "$CONFIGURATION" -v quiet -nologo
  mkdir -p "$DATA/logs"

  say "Starting the AppHost (SQLite files in $DATA; its log: $DATA/logs/apphost.log)"
  local started=$SECONDS log="$DATA/logs/apphost.log"
  # Plain http: there is no trusted development certificate on a fresh machine (ARCHITECTURE.md, "Aspire 13.6 here").
  (cd "$ROOT/Crm.AppHost/bin/$CONFIGURATION/net10.0" && exec env DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development \
      ASPNETCORE_URLS="http://localhost:$DASHBOARD_PORT" ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL="http://localhost:$OTLP_PORT" \
      ASPIRE_ALLOW_UNSECURED_TRANSPORT=true Crm__DataDirectory="$DATA" Crm__GatewayPort="$GATEWAY_PORT" $broker \
      Crm__BackupDirectory="${CRM_BACKUP_DIR:-}" \
      dotnet Crm.AppHost.dll >"$log" 2>&1) &
  APPHOST_PID=$!

  # The gateway starts only after every service and the web app are healthy (WaitFor), so its /health answering means all are up.
  for _ in $(seq 1 300); do
    curl -fsS --max-time 5 -o /dev/null "http://localhost:$GATEWAY_PORT/health" 2>/dev/null && break
    kill -0 "$APPHOST_PID" 2>/dev/null || { tail -n 30 "$log" >&2; fail "the AppHost stopped while starting (log: $log)."; }
    sleep 1
  done
  curl -fsS --max-time 5 -o /dev/null "http://localhost:$GATEWAY_PORT/health" 2>/dev/null \
    || { tail -n 30 "$log" >&2; fail "the CRM was not healthy within 300 s: see the dashboard (http://localhost:$DASHBOARD_PORT) and $log."; }
  local login
  login=$(grep -o "http://localhost:$DASHBOARD_PORT/login?t=[0-9a-f]*" "$log" | head -n 1)

  cat <<TXT

  The CRM is running (all healthy after $((SECONDS - started)) s).
    Web app (sign in here):          http://localhost:$GATEWAY_PORT/
    Gateway (the only entry point):  http://localhost:$GATEWAY_PORT/api/{customers,contracts,credit,aftersales,alerts}/…
    Aspire dashboard:                ${login:-http://localhost:$DASHBOARD_PORT (login link in $log)}
    API reference:                   http://localhost:$GATEWAY_PORT/scalar
    Data and logs:                   $DATA
  Get a development token:
    curl -s -X POST http://localhost:$GATEWAY_PORT/dev/token -H 'Content-Type: application/json' \\
      -d '{"userId":"rep-1","name":"Wang Fang","roles":["sales-rep"],"branch":"sh"}'
  then send it as 'Authorization: Bearer <accessToken>'.

  Press Ctrl-C to stop.
TXT
  wait "$APPHOST_PID" || true
  APPHOST_PID=""
  say "The AppHost stopped; see $log"
}

# The dashboard test drives Debian's Chromium through Playwright (it cannot download browsers here); without CJK fonts
# every Chinese character in a screenshot is an empty box. (grep without -q: under pipefail, -q closing the pipe early
# fails fc-list with SIGPIPE, and the check with it.)
ensure_browser() {
  if command -v chromium >/dev/null && fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null; then return; fi
  say "Installing Chromium and CJK fonts for the browser tests (Debian packages chromium, fonts-noto-cjk)"
  command -v apt-get >/dev/null || fail "the browser tests need Chromium and CJK fonts: install them, or set CRM_CHROMIUM to a Chromium binary."
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null \
    && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk >/dev/null \
    || fail "could not install chromium and fonts-noto-cjk: run as root or with passwordless sudo, or install them yourself."
}

test_all() {
  require_dotnet
  ensure_browser
  ensure_broker
  export CRM_TEST_RABBITMQ="${CRM_TEST_RABBITMQ:-$BROKER_URI}"
  say "Building"
  dotnet build "$SOLUTION" -c Debug --nologo -v quiet || fail "the build failed (above)."
  say "Testing, one test project at a time"
  # One at a time: the browser, AppHost and end-to-end tests each start the whole system, and several of those at once
  # on two cores starve each other into timeouts.
  local status=0 log project
  log=$(mktemp)
  for project in $(grep -l '<IsTestProject>true' "$ROOT"/tests/*/*.csproj); do
    dotnet test "$project" -c Debug --no-build --nologo -v quiet --logger "console;verbosity=minimal" "$@" 2>&1 \
      | tee -a "$log" || status=$?
  done
  # One total over every test assembly, in the plain form CI reads: "N passed, N failed, N skipped". An assembly whose
  # tests were all skipped (SQL Server without Docker) prints "Skipped!", and its skips count too.
  sed -nE 's/.*(Passed|Failed|Skipped)!.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \3 \4/p' "$log" \
    | awk '{ f += $1; p += $2; s += $3 } END { printf "%d passed, %d failed, %d skipped\n", p, f, s }'
  # Each failure's name and message once more at the end, where a truncated CI log still shows them.
  if grep -q '^  Failed ' "$log"; then
    say "Failed tests"
    awk '/^  Failed /{ p = 1 } /^  Stack Trace:/{ p = 0 } p' "$log" | head -c 20000
  fi
  rm -f "$log"
  stop_broker_if_started
  return $status
}

bench() {
  require_dotnet
  ensure_broker
  export CRM_TEST_RABBITMQ="${CRM_TEST_RABBITMQ:-$BROKER_URI}"
  dotnet run --project "$ROOT/bench/Crm.Bench" -c Release -- "$@"
  stop_broker_if_started
}

# tools/Crm.Backup does the work (the same code as the services' scheduled backups); these check what only the shell sees.
backup_tool() {
  dotnet run --project "$ROOT/tools/Crm.Backup" -c Release -v quiet -- "$@"
}

backup() {
  require_dotnet
  local target="${1:-${CRM_BACKUP_DIR:-}}"
  [ -n "$target" ] || fail "no backup target: run './build.sh backup /path/on/another/disk' or set CRM_BACKUP_DIR (another disk or a mounted share, never the data's disk)."
  [ -d "$DATA" ] || fail "no data folder at $DATA: nothing to back up (set CRM_DATA_DIR if the data is elsewhere)."
  mkdir -p "$target" || fail "cannot create the backup target $target."
  if [ "$(stat -c %d "$target")" = "$(stat -c %d "$DATA")" ]; then
    printf '\033[33mWarning: %s is on the same file system as the data (%s): a failing disk takes both. Point CRM_BACKUP_DIR at another disk or a mounted share.\033[0m\n' "$target" "$DATA" >&2
  fi
  say "Backing up the databases in $DATA into $target (online: the system may keep running)"
  backup_tool backup --data "$DATA" --target "$target"
}

restore() {
  require_dotnet
  [ $# -gt 0 ] || fail "name the backup set to restore: ./build.sh restore \$CRM_BACKUP_DIR/crm-<time> (or one set per service of the scheduled backups)."
  local spec name port
  for spec in customers:5101 contracts:5102 credit:5103 aftersales:5104 alerts:5105 "gateway:$GATEWAY_PORT"; do
    IFS=: read -r name port <<<"$spec"
    port_open localhost "$port" && fail "$name answers on port $port: the system is running. Stop it first (this command stops nothing it did not start)."
  done
  say "Restoring $* into $DATA"
  backup_tool restore --data "$DATA" "$@"
}

case "${1:-}" in
  run) shift; run "$@" ;;
  test) shift; test_all "$@" ;;
  bench) shift; bench "$@" ;;
  backup) shift; backup "$@" ;;
  restore) shift; restore "$@" ;;
  *) echo "usage: ./build.sh run | test | bench [name] | backup [TARGET] | restore SET..."; exit 2 ;;
esac
