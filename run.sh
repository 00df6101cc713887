#!/usr/bin/env bash
# Runs the whole system in the foreground: the embedded MongoDB (unless MONGODB_URI points at a real one),
# command-side on :8080 and query-side on :8081. Builds what it needs on first use. Ctrl-C stops all of them.
#
#   ./run.sh generate [--generate.applications=2000 --generate.subscriptions=200 --generate.days=90 --generate.seed=42]
# instead writes demo data: realistic histories driven through the command side on a simulated clock, then exits.
#
#   ./run.sh cluster
# starts two command-side instances (:8080, :8082) and two query-side instances (:8081, :8083) on one database, to
# watch scale-out: an instance that dies leaves the others running (kill -9 one and watch the other take over its
# processors' segments); only the database dying, or Ctrl-C, stops everything. Ports: COMMAND_PORT, COMMAND_PORT_2,
# QUERY_PORT, QUERY_PORT_2.
#
#   ./run.sh soak [-Dsoak.seconds=600 -Dsoak.users=10 -Dsoak.faults=true -Dsoak.output=benchmark-results/soak]
# runs the load and fault harness: its own cluster like the one above (on free ports, fresh data), staff and customers
# over HTTP, bad input, kill -9 of a command-side instance, a query-side instance and the embedded database; then the
# checker. Prints the soak table, writes benchmark-results/soak.txt and .json, exits 1 on any loss, doubling or
# difference. With MONGODB_URI set it runs against that server instead (and does not kill it).
set -euo pipefail
cd "$(dirname "$0")"

VERSION=0.1.0-SNAPSHOT
DB_JAR=shared-events/infrastructure/target/ledger-infrastructure-$VERSION-launcher.jar
COMMAND_JAR=command-side/target/command-side-$VERSION-exec.jar
QUERY_JAR=query-side/target/query-side-$VERSION-exec.jar
COMMAND_PORT=${COMMAND_PORT:-8080}
QUERY_PORT=${QUERY_PORT:-8081}
COMMAND_PORT_2=${COMMAND_PORT_2:-8082}
QUERY_PORT_2=${QUERY_PORT_2:-8083}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}

needs_build() {
  for jar in "$DB_JAR" "$COMMAND_JAR" "$QUERY_JAR"; do
    [ -f "$jar" ] || return 0
  done
  # Rebuild when any source or pom changed since the oldest jar was built.
  local oldest
  oldest=$(ls -t "$DB_JAR" "$COMMAND_JAR" "$QUERY_JAR" | tail -n 1)
  [ -n "$(find pom.xml shared-events command-side query-side -path '*/target' -prune -o -type f -newer "$oldest" -print -quit)" ]
}

if needs_build; then
  echo "Building (first run or sources changed)..."
  ./mvnw -q -B -DskipTests install
fi

if [ "${1:-}" = soak ]; then
  shift
  exec ./mvnw -q -B -pl query-side -DskipTests -Psoak verify "$@"
fi

pids=()
db_pid=
stop_all() {
  trap - INT TERM EXIT
  # The applications first, while the database is still up, so they release their processors' tokens cleanly.
  for pid in "${pids[@]}"; do [ "$pid" = "$db_pid" ] || kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do [ "$pid" = "$db_pid" ] || wait "$pid" 2>/dev/null || true; done
  if [ -n "$db_pid" ]; then kill "$db_pid" 2>/dev/null || true; wait "$db_pid" 2>/dev/null || true; fi
}
trap stop_all EXIT
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM

start() { # name, then the command; output prefixed with the name
  local name=$1; shift
  "$@" > >(sed -u "s/^/[$name] /") 2>&1 &
  pids+=($!)
}

wait_for_port() { # port, name
  for _ in $(seq 1 240); do
    if (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "$2 exited during start-up" >&2; exit 1; }; done
    sleep 0.5
  done
  echo "$2 did not open port $1 in time" >&2
  exit 1
}

if [ -z "${MONGODB_URI:-}" ]; then
  DB_PORT=${EMBEDDED_MONGO_PORT:-27017}
  if (echo > "/dev/tcp/127.0.0.1/$DB_PORT") 2>/dev/null; then
    echo "Port $DB_PORT is taken. Stop what uses it, set EMBEDDED_MONGO_PORT, or set MONGODB_URI to use that server." >&2
    exit 1
  fi
  export EMBEDDED_MONGO_PORT=$DB_PORT EMBEDDED_MONGO_DATA=${EMBEDDED_MONGO_DATA:-data}
  start db java -Xmx1g -jar "$DB_JAR"
  db_pid=${pids[-1]}
  wait_for_port "$DB_PORT" "embedded MongoDB"
  export MONGODB_URI="mongodb://127.0.0.1:$DB_PORT/refundledger"
  echo "Embedded MongoDB on 127.0.0.1:$DB_PORT, data in ./$EMBEDDED_MONGO_DATA"
else
  echo "Using MongoDB at $MONGODB_URI"
fi

if [ "${1:-}" = generate ]; then
  shift
  # The generator is the command-side jar in its "generate" profile: the real command handlers on a simulated clock.
  java $JAVA_OPTS -Daxoniq.update-checker.disabled=true -jar "$COMMAND_JAR" --spring.profiles.active=generate "$@" \
    && status=0 || status=$?
  exit $status
fi

if [ "${1:-}" = cluster ]; then
  # Readable token owners (the admin status and the token documents name them); each must differ.
  start command-1 java $JAVA_OPTS -Daxoniq.update-checker.disabled=true -jar "$COMMAND_JAR" --server.port="$COMMAND_PORT" \
    --ledger.mongodb.node-id="command-1@$HOSTNAME"
  command_1=${pids[-1]}
  start command-2 java $JAVA_OPTS -Daxoniq.update-checker.disabled=true -jar "$COMMAND_JAR" --server.port="$COMMAND_PORT_2" \
    --ledger.mongodb.node-id="command-2@$HOSTNAME"
  command_2=${pids[-1]}
  start query-1 java $JAVA_OPTS -Daxoniq.update-checker.disabled=true -jar "$QUERY_JAR" --server.port="$QUERY_PORT" \
    --ledger.mongodb.node-id="query-1@$HOSTNAME"
  query_1=${pids[-1]}
  start query-2 java $JAVA_OPTS -Daxoniq.update-checker.disabled=true -jar "$QUERY_JAR" --server.port="$QUERY_PORT_2" \
    --ledger.mongodb.node-id="query-2@$HOSTNAME"
  query_2=${pids[-1]}
  # The pids are those of the JVMs: `kill -9 <pid>` kills one instance.
  for port_name in "$COMMAND_PORT command-1" "$COMMAND_PORT_2 command-2" "$QUERY_PORT query-1" "$QUERY_PORT_2 query-2"; do
    wait_for_port $port_name
  done
  echo "Ready (Ctrl-C stops everything; an instance that dies leaves the others running):"
  echo "  command-1  http://localhost:$COMMAND_PORT/api/refunds   pid $command_1"
  echo "  command-2  http://localhost:$COMMAND_PORT_2/api/refunds   pid $command_2"
  echo "  query-1    http://localhost:$QUERY_PORT/api/refunds   pid $query_1"
  echo "  query-2    http://localhost:$QUERY_PORT_2/api/refunds   pid $query_2"
  echo "  segments:  curl -s -u admin:admin-demo localhost:$QUERY_PORT/api/admin/processors"
  remaining=("${pids[@]}")
  while [ ${#remaining[@]} -gt 0 ]; do
    wait -n -p exited "${remaining[@]}" || true
    if [ -n "$db_pid" ] && [ "${exited:-}" = "$db_pid" ]; then
      echo "The database exited; stopping the instances." >&2
      exit 1
    fi
    alive=()
    for pid in "${remaining[@]}"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
    remaining=("${alive[@]}")
    echo "An instance exited; the others keep running (${#remaining[@]} processes left)." >&2
  done
  exit 0
fi

start command java $JAVA_OPTS -Daxoniq.update-checker.disabled=true -jar "$COMMAND_JAR" --server.port="$COMMAND_PORT"
start query java $JAVA_OPTS -Daxoniq.update-checker.disabled=true -jar "$QUERY_JAR" --server.port="$QUERY_PORT"
wait_for_port "$COMMAND_PORT" command-side
wait_for_port "$QUERY_PORT" query-side
echo "Ready: commands on http://localhost:$COMMAND_PORT/api/refunds, queries on http://localhost:$QUERY_PORT/api/refunds (Ctrl-C stops everything)"

# Stop everything as soon as any one of them stops.
wait -n "${pids[@]}" || true
echo "A process exited; stopping the others." >&2
