#!/usr/bin/env bash
# Runs the whole system in the foreground: the embedded MongoDB (unless MONGODB_URI points at a real one),
# command-side on :8080 and query-side on :8081. Builds what it needs on first use. Ctrl-C stops all of them.
#
#   ./run.sh generate [--generate.applications=2000 --generate.subscriptions=200 --generate.days=90 --generate.seed=42]
# instead writes demo data: realistic histories driven through the command side on a simulated clock, then exits.
set -euo pipefail
cd "$(dirname "$0")"

VERSION=0.1.0-SNAPSHOT
DB_JAR=shared-events/infrastructure/target/ledger-infrastructure-$VERSION-launcher.jar
COMMAND_JAR=command-side/target/command-side-$VERSION-exec.jar
QUERY_JAR=query-side/target/query-side-$VERSION-exec.jar
COMMAND_PORT=${COMMAND_PORT:-8080}
QUERY_PORT=${QUERY_PORT:-8081}
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

start command java $JAVA_OPTS -Daxoniq.update-checker.disabled=true -jar "$COMMAND_JAR" --server.port="$COMMAND_PORT"
start query java $JAVA_OPTS -Daxoniq.update-checker.disabled=true -jar "$QUERY_JAR" --server.port="$QUERY_PORT"
wait_for_port "$COMMAND_PORT" command-side
wait_for_port "$QUERY_PORT" query-side
echo "Ready: commands on http://localhost:$COMMAND_PORT/api/refunds, queries on http://localhost:$QUERY_PORT/api/refunds (Ctrl-C stops everything)"

# Stop everything as soon as any one of them stops.
wait -n "${pids[@]}" || true
echo "A process exited; stopping the others." >&2
