#!/usr/bin/env bash
# Brook's quickstart: set up the workspace (scripts/setup.sh: pinned pnpm, locked dependencies,
# build), start one local Brook node in the background with its data under ./data, wait until it
# serves, and print its address and the commands to try next.
#
#   bash scripts/quickstart.sh          set up, start (or report the node already running)
#   bash scripts/quickstart.sh stop     stop the node started from ./data (SIGTERM, then wait)
#   bash scripts/quickstart.sh status   say whether it runs
#
# Files: ./data/brook.log (the server's JSON log), ./data/brook.pid (the `brook server start`
# process), ./data/broker.ready.json (written by the broker once it serves: pid and addresses).
# Overrides: BROOK_DATA_DIR, BROOK_LISTEN (default 127.0.0.1:9092), BROOK_ADMIN_LISTEN
# (default 127.0.0.1:9644), BROOK_READY_TIMEOUT_S (default 60), BROOK_QUICKSTART_SKIP_SETUP=1
# (start from the existing build: restarting a node, and the quickstart's own e2e test).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
data_dir=${BROOK_DATA_DIR:-$root/data}
listen=${BROOK_LISTEN:-127.0.0.1:9092}
admin_listen=${BROOK_ADMIN_LISTEN:-127.0.0.1:9644}
ready_timeout_s=${BROOK_READY_TIMEOUT_S:-60}
pid_file=$data_dir/brook.pid
log_file=$data_dir/brook.log
ready_file=$data_dir/broker.ready.json
cli=$root/packages/cli/dist/bin/brook.js

# A pid from a file counts only while that process is alive and is a Brook process: after a
# reboot the number may belong to something else, which must never be signalled.
brook_pid_alive() {
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'brook'
}

pid_from_file() { [ -f "$pid_file" ] && tr -dc '0-9' <"$pid_file" || true; }

# The broker's own pid from its ready file (the server may outlive a killed CLI parent).
broker_pid() {
  [ -f "$ready_file" ] && node -e 'try { process.stdout.write(String(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).pid ?? "")) } catch {}' "$ready_file" || true
}

ready_field() {
  node -e 'try { process.stdout.write(String(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))[process.argv[2]] ?? "")) } catch {}' "$ready_file" "$1"
}

running_pid() {
  local pid
  for pid in "$(pid_from_file)" "$(broker_pid)"; do
    if brook_pid_alive "$pid"; then echo "$pid"; return 0; fi
  done
  return 1
}

print_next_steps() {
  local address=$1 admin=$2 export_line=''
  # brook's default address is 127.0.0.1:9092; any other needs BROOK_BROKERS.
  if [ "$address" != "127.0.0.1:9092" ]; then export_line="  export BROOK_BROKERS=$address"$'\n'; fi
  cat <<STEPS

Brook is running: client address $address, admin http://$admin (/metrics, /healthz, /readyz)
  data in $data_dir, log in $log_file

Try it:
${export_line}  pnpm brook cluster info
  pnpm brook topic create orders -p 3
  printf 'user-1:first order\nuser-2:second order\n' | pnpm brook produce orders --key-separator :
  pnpm brook consume orders --exit-at-end
  pnpm brook topic describe orders
  pnpm brook perf produce --topic orders --records 100000 --record-size 1024
  pnpm brook perf consume --topic orders --records 100000

Stop it:
  bash scripts/quickstart.sh stop
STEPS
}

wait_until_ready() {
  local pid=$1 deadline=$((SECONDS + ready_timeout_s))
  while [ $SECONDS -lt $deadline ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "quickstart: the server exited before it was ready; the end of $log_file:" >&2
      tail -n 20 "$log_file" >&2 || true
      return 1
    fi
    if [ -f "$ready_file" ] && brook_pid_alive "$(broker_pid)"; then
      # The ready file says the listeners are bound; /readyz says the node serves requests.
      local admin
      admin=$(ready_field adminAddress)
      if [ -z "$admin" ] || node -e 'fetch(`http://${process.argv[1]}/readyz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$admin"; then
        return 0
      fi
    fi
    sleep 0.2
  done
  echo "quickstart: the server was not ready after ${ready_timeout_s}s; the end of $log_file:" >&2
  tail -n 20 "$log_file" >&2 || true
  return 1
}

start() {
  local pid
  if pid=$(running_pid); then
    echo "quickstart: a Brook node is already running from $data_dir (pid $pid)"
    print_next_steps "$(ready_field clientAddress)" "$(ready_field adminAddress)"
    return 0
  fi
  if [ "${BROOK_QUICKSTART_SKIP_SETUP:-}" != "1" ]; then bash scripts/setup.sh; fi
  mkdir -p "$data_dir"
  # A ready file left by a node that was killed would make the wait below pass at once.
  rm -f "$ready_file"
  echo "quickstart: starting Brook (node 1) on $listen, data in $data_dir"
  nohup node "$cli" server start --node-id 1 --data-dir "$data_dir" --listen "$listen" --admin-listen "$admin_listen" \
    >>"$log_file" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$pid_file"
  wait_until_ready "$pid"
  print_next_steps "$(ready_field clientAddress)" "$(ready_field adminAddress)"
}

stop() {
  local pids=() pid
  for pid in "$(pid_from_file)" "$(broker_pid)"; do
    if brook_pid_alive "$pid"; then pids+=("$pid"); fi
  done
  if [ ${#pids[@]} -eq 0 ]; then
    echo "quickstart: no Brook node is running from $data_dir"
    rm -f "$pid_file"
    return 0
  fi
  # SIGTERM: the server stops accepting, flushes and closes its logs, then exits 0.
  kill -TERM "${pids[@]}" 2>/dev/null || true
  local deadline=$((SECONDS + 30))
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null; do
      if [ $SECONDS -ge $deadline ]; then
        echo "quickstart: pid $pid did not stop within 30 s; it is still running" >&2
        return 1
      fi
      sleep 0.2
    done
  done
  rm -f "$pid_file"
  echo "quickstart: stopped the Brook node (pid ${pids[*]}); its data stays in $data_dir"
}

status() {
  local pid
  if pid=$(running_pid); then
    echo "quickstart: running (pid $pid), client address $(ready_field clientAddress)"
  else
    echo "quickstart: not running"
    return 3
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: bash scripts/quickstart.sh [start|stop|status]" >&2
    exit 2
    ;;
esac
