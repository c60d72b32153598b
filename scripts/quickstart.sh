#!/usr/bin/env bash
# Brook's quickstart: set up the workspace (scripts/setup.sh: pinned pnpm, locked dependencies,
# build), then start a local 3-node cluster with `brook cluster start -n 3` (three combined
# broker+controller nodes in the background, data under ./data), which returns once the cluster
# is healthy and prints its address table; then print the commands to try next.
#
#   bash scripts/quickstart.sh          set up, start the cluster (nodes already running are kept)
#   bash scripts/quickstart.sh stop     stop it (brook cluster stop: SIGTERM, then SIGKILL after 30 s)
#   bash scripts/quickstart.sh status   brook cluster status; exit 3 when no node runs
#
# Files: ./data/cluster.json (cluster id, ports, pids), ./data/node-N/ (node N's data, its log
# brook.log and its pid brook.pid). Overrides: BROOK_DATA_DIR (default ./data), BROOK_NODES
# (default 3), BROOK_BASE_PORT (default 9092: node N listens on 9092+100(N-1), internal +1,
# admin +552), BROOK_READY_TIMEOUT_S (default 60), BROOK_QUICKSTART_SKIP_SETUP=1 (start from the
# existing build: restarting the cluster, and the quickstart's own e2e test).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
data_dir=${BROOK_DATA_DIR:-$root/data}
nodes=${BROOK_NODES:-3}
base_port=${BROOK_BASE_PORT:-9092}
ready_timeout_s=${BROOK_READY_TIMEOUT_S:-60}
cli=$root/packages/cli/dist/bin/brook.js

brook() { node "$cli" "$@"; }

# A pid from a file counts only while that process is alive and is a Brook process: after a
# reboot the number may belong to something else.
brook_pid_alive() {
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'brook'
}

running_node_pids() {
  local pid_file pid
  for pid_file in "$data_dir"/node-*/brook.pid; do
    [ -f "$pid_file" ] || continue
    pid=$(tr -dc '0-9' <"$pid_file")
    if brook_pid_alive "$pid"; then echo "$pid"; fi
  done
}

# The single node of the earlier quickstart kept its pid in ./data/brook.pid and holds port 9092.
refuse_single_node_left_running() {
  local pid
  pid=$([ -f "$data_dir/brook.pid" ] && tr -dc '0-9' <"$data_dir/brook.pid" || true)
  if brook_pid_alive "$pid"; then
    echo "quickstart: the single node of an earlier quickstart is still running from $data_dir (pid $pid); stop it first: kill $pid" >&2
    exit 1
  fi
}

print_next_steps() {
  local export_line='' dir_flag=''
  # brook finds the cluster through ./data/cluster.json; any other directory needs BROOK_BROKERS
  # (and --data-dir for the cluster commands that read cluster.json).
  if [ "$data_dir" != "$root/data" ]; then
    dir_flag=" --data-dir $data_dir"
    export_line="  export BROOK_BROKERS=$(node -e 'const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); process.stdout.write(c.nodes.map((n) => n.clientAddress).join(","))' "$data_dir/cluster.json")"$'\n'
  fi
  cat <<STEPS

Try it:
${export_line}  pnpm brook topic create orders -p 6 --replication-factor 3
  pnpm brook topic describe orders
  printf 'user-1:first order\nuser-2:second order\n' | pnpm brook produce orders --key-separator :
  pnpm brook consume orders --exit-at-end
  pnpm brook cluster status
  pnpm brook cluster quorum
  pnpm brook cluster health

Kill a node and watch the cluster heal (new leaders, node 2 fenced, then back):
  pnpm brook cluster health --watch &
  kill -9 \$(cat $data_dir/node-2/brook.pid)
  pnpm brook cluster start$dir_flag   # starts node 2 again; the others keep running

Stop it:
  bash scripts/quickstart.sh stop
STEPS
}

start() {
  refuse_single_node_left_running
  # With nodes running the build is in use and already set up: only the missing nodes start.
  if [ "${BROOK_QUICKSTART_SKIP_SETUP:-}" != "1" ] && [ -z "$(running_node_pids)" ]; then bash scripts/setup.sh; fi
  echo "quickstart: starting a $nodes-node Brook cluster, data in $data_dir"
  brook cluster start -n "$nodes" --data-dir "$data_dir" --base-port "$base_port" --timeout-ms "$((ready_timeout_s * 1000))"
  print_next_steps
}

stop() {
  if [ ! -f "$data_dir/cluster.json" ]; then
    echo "quickstart: no Brook cluster in $data_dir"
    return 0
  fi
  brook cluster stop --data-dir "$data_dir"
  echo "quickstart: stopped; the data stays in $data_dir"
}

status() {
  if [ -z "$(running_node_pids)" ]; then
    echo "quickstart: not running"
    return 3
  fi
  brook cluster status --data-dir "$data_dir"
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
