#!/usr/bin/env bash
# The README's two commands:
#   ./build.sh run    start RabbitMQ (installing it if missing), the five services and the gateway; Ctrl-C stops them
#   ./build.sh test   make sure RabbitMQ runs, then run every test
# and one more for the figures in docs/performance.md:
#   ./build.sh bench  run the benchmarks in bench/
# and two for operators (docs/operations.md, "Backups and restore"):
#   ./build.sh backup [TARGET]   online backup of every service's database into a set under TARGET (or $CRM_BACKUP_DIR)
#   ./build.sh restore SET...    verify the set(s) and restore them into the data folder, the system stopped
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SOLUTION="$ROOT/Crm.Local.slnf"          # everything but the Aspire AppHost, which needs Docker and nuget.org
DATA="${CRM_DATA_DIR:-$ROOT/.data}"
BROKER_URI="${CRM_RABBITMQ_URI:-amqp://guest:guest@localhost:5672}"
GATEWAY_PORT=5100
SERVICES=(customers:Crm.Customers:5101 contracts:Crm.Contracts:5102 credit:Crm.Credit:5103 aftersales:Crm.AfterSales:5104 alerts:Crm.Alerts:5105)
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

  if ! command -v rabbitmq-server >/dev/null; then
    say "Installing RabbitMQ (Debian package rabbitmq-server)"
    if ! command -v apt-get >/dev/null; then
      fail "RabbitMQ is not running and this is not a Debian/Ubuntu machine. Install RabbitMQ 3.10+ and start it on localhost:5672
       (or point CRM_RABBITMQ_URI at one), then run this again."
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null \
      && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q rabbitmq-server >/dev/null \
      || fail "could not install rabbitmq-server: run as root or with passwordless sudo, or install it yourself:
       sudo apt-get update && sudo apt-get install -y rabbitmq-server && sudo rabbitmq-server -detached"
  fi

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

PIDS=()
STOPPING=0
stop_all() {
  STOPPING=1
  trap - INT TERM EXIT
  if [ ${#PIDS[@]} -gt 0 ]; then
    say "Stopping the gateway and the services"
    kill "${PIDS[@]}" 2>/dev/null || true
    wait "${PIDS[@]}" 2>/dev/null || true
  fi
  stop_broker_if_started
}

start_host() { # name project port
  local name=$1 project=$2 port=$3 dir
  port_open localhost "$port" && fail "port $port (for $name) is already in use: is another './build.sh run' still running?"
  dir=$(find "$ROOT" -path "*/$project/bin/Release/net10.0" -type d | head -n 1)
  [ -f "$dir/$project.dll" ] || fail "$project was not built."
  (cd "$dir" && exec env ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://localhost:$port" \
      "ConnectionStrings__${name}db=Data Source=$DATA/$name.db" "ConnectionStrings__messaging=$BROKER_URI" \
      dotnet "$project.dll" >"$DATA/logs/$name.log" 2>&1) &
  PIDS+=($!)
}

wait_healthy() { # name port pid
  local name=$1 port=$2 pid=$3
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "http://localhost:$port/health" 2>/dev/null; then return; fi
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$DATA/logs/$name.log" >&2; fail "$name stopped while starting (log: $DATA/logs/$name.log)."; }
    sleep 1
  done
  tail -n 30 "$DATA/logs/$name.log" >&2
  fail "$name was not healthy within 120 s (log: $DATA/logs/$name.log)."
}

run() {
  require_dotnet
  command -v curl >/dev/null || fail "curl is needed to check the services' health: apt-get install curl"
  trap 'stop_all; exit 130' INT TERM
  trap stop_all EXIT
  ensure_broker
  say "Building (Release)"
  dotnet build "$SOLUTION" -c Release -v quiet -nologo
  mkdir -p "$DATA/logs"

  say "Starting the services (SQLite files in $DATA)"
  local spec name project port i=0
  for spec in "${SERVICES[@]}"; do IFS=: read -r name project port <<<"$spec"; start_host "$name" "$project" "$port"; done
  port_open localhost $GATEWAY_PORT && fail "port $GATEWAY_PORT (gateway) is already in use."
  dir=$(find "$ROOT" -path "*/Crm.Gateway/bin/Release/net10.0" -type d | head -n 1)
  (cd "$dir" && exec env ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://localhost:$GATEWAY_PORT" \
      dotnet Crm.Gateway.dll >"$DATA/logs/gateway.log" 2>&1) &
  PIDS+=($!)

  for spec in "${SERVICES[@]}"; do IFS=: read -r name project port <<<"$spec"; wait_healthy "$name" "$port" "${PIDS[$i]}"; i=$((i+1)); done
  wait_healthy gateway $GATEWAY_PORT "${PIDS[$i]}"

  cat <<TXT

  The CRM is running.
    Gateway (the only entry point):  http://localhost:$GATEWAY_PORT/api/{customers,contracts,credit,aftersales,alerts}/…
    API reference:                   http://localhost:$GATEWAY_PORT/scalar
    RabbitMQ management:             http://localhost:15672  (guest/guest, when the plugin is enabled)
    Logs:                            $DATA/logs/
  Get a development token:
    curl -s -X POST http://localhost:$GATEWAY_PORT/dev/token -H 'Content-Type: application/json' \\
      -d '{"userId":"rep-1","name":"Wang Fang","roles":["sales-rep"],"branch":"sh"}'
  then send it as 'Authorization: Bearer <accessToken>'.

  Press Ctrl-C to stop.
TXT
  wait -n "${PIDS[@]}" || true
  [ "$STOPPING" = 1 ] || say "A process stopped unexpectedly; see $DATA/logs/ (stopping the rest)"
}

test_all() {
  require_dotnet
  ensure_broker
  export CRM_TEST_RABBITMQ="${CRM_TEST_RABBITMQ:-$BROKER_URI}"
  say "Testing"
  local status=0
  dotnet test "$SOLUTION" -c Debug --nologo -v quiet "$@" || status=$?
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
  local spec name project port
  for spec in "${SERVICES[@]}" "gateway:Crm.Gateway:$GATEWAY_PORT"; do
    IFS=: read -r name project port <<<"$spec"
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
