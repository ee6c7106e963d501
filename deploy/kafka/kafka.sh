#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft, broker+controller) on 127.0.0.1, without Docker.
#
# The broker's class path is assembled from Maven Central with Maven (deploy/kafka/pom.xml) into
# <repo>/.run/kafka/libs; config, data, logs and the pid file also live under <repo>/.run/kafka.
#
# Usage: deploy/kafka/kafka.sh start|stop|restart|status|clean|logs
#
# Environment:
#   KAFKA_PORT             client (PLAINTEXT) port            default 19092
#   KAFKA_CONTROLLER_PORT  KRaft controller port              default 19093
#   KAFKA_START_TIMEOUT    seconds to wait for readiness      default 120
#   KAFKA_STOP_TIMEOUT     seconds to wait after SIGTERM      default 30
#   KAFKA_HEAP_OPTS        JVM heap flags                     default "-Xms512m -Xmx1g"
#   KAFKA_JVM_OPTS         extra JVM flags                    default empty
#   KAFKA_LOG_LEVEL        root log level of the broker log   default INFO
#   JAVA_HOME              JDK to use (17+); else `java` on PATH
#   MVN                    Maven command                      default mvn
#
# On a successful start it prints a line `KAFKA_BROKERS=127.0.0.1:<port>`.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
POM="$SCRIPT_DIR/pom.xml"
LOG4J_CONFIG="$SCRIPT_DIR/log4j2.properties"

RUN_DIR="$REPO_ROOT/.run/kafka"
LIBS_DIR="$RUN_DIR/libs"
DATA_DIR="$RUN_DIR/data"
LOG_DIR="$RUN_DIR/logs"
PID_FILE="$RUN_DIR/kafka.pid"
PROPS_FILE="$RUN_DIR/server.properties"
CLUSTER_ID_FILE="$RUN_DIR/cluster.id"
STAMP_FILE="$LIBS_DIR/.pom.sha256"
LOCK_FILE="$RUN_DIR/.lock"

HOST=127.0.0.1
PORT="${KAFKA_PORT:-19092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19093}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-120}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms512m -Xmx1g}"
EXTRA_JVM_OPTS="${KAFKA_JVM_OPTS:-}"
LOG_LEVEL="${KAFKA_LOG_LEVEL:-INFO}"
MVN="${MVN:-mvn}"
BOOTSTRAP="$HOST:$PORT"
# Marks the broker's command line so a pid can be checked to really be *this* broker.
MARKER="-Dcitybrain.kafka.home=$RUN_DIR"

if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="java"; fi

log() { echo "[kafka] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

now_ms() { date +%s%3N; }
elapsed() { local ms=$(( $(now_ms) - $1 )); printf '%d.%03ds' $((ms / 1000)) $((ms % 1000)); }

check_java() {
  command -v "$JAVA" >/dev/null 2>&1 || die "java not found (set JAVA_HOME or put java 17+ on PATH)"
  local v
  v="$("$JAVA" -version 2>&1 </dev/null | awk -F'"' '/version/ {print $2; exit}')"
  local major="${v%%.*}"
  [[ "$major" =~ ^[0-9]+$ && "$major" -ge 17 ]] || die "Kafka 4.x needs Java 17+, found '$v' ($JAVA)"
}

# ---------------------------------------------------------------- process helpers
read_pid() { [[ -f "$PID_FILE" ]] && tr -dc '0-9' <"$PID_FILE" || true; }

# True when $1 is a live process running this repo's broker.
is_our_broker() {
  local pid="$1"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF -- "$MARKER"
}

# True while process $1 exists and is not a zombie (a child that exited but was not reaped yet).
is_alive() {
  local pid="$1" state
  kill -0 "$pid" 2>/dev/null || return 1
  state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || echo Z)"
  [[ "$state" != "Z" ]]
}

running_pid() {
  local pid; pid="$(read_pid)"
  if is_our_broker "$pid"; then echo "$pid"; return 0; fi
  return 1
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# Sends a Kafka ApiVersions v0 request over bash's /dev/tcp and checks the reply
# (correlation id echoed, error_code 0): proves a Kafka broker answers on the port, without a JVM.
kafka_ping() {
  timeout 5 bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    # size=12 | api_key=18 (ApiVersions) | api_version=0 | correlation_id=0x0cb1cb1c | client_id="cb"
    printf "\x00\x00\x00\x0c\x00\x12\x00\x00\x0c\xb1\xcb\x1c\x00\x02cb" >&3
    reply="$(head -c 10 <&3 | od -An -tx1 | tr -d " \n")"
    exec 3>&-
    # bytes 4..7 correlation id, 8..9 error code
    [[ "${reply:8:8}" == "0cb1cb1c" && "${reply:16:4}" == "0000" ]]
  ' _ "$HOST" "$PORT" 2>/dev/null
}

tools_java() {
  "$JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlog4j2.configurationFile="$LOG4J_CONFIG" -Dkafka.logs.dir="$LOG_DIR" -Dkafka.log.name="${TOOL_LOG_NAME:-tools}" \
    -cp "$LIBS_DIR/*" "$@" </dev/null
}

# Real metadata round trip through the Java admin client.
metadata_check() {
  timeout 60 "$JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlog4j2.configurationFile="$LOG4J_CONFIG" -Dkafka.logs.dir="$LOG_DIR" -Dkafka.log.name=tools \
    -cp "$LIBS_DIR/*" org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --list </dev/null >/dev/null 2>&1
}

# ---------------------------------------------------------------- class path
pom_hash() { sha256sum "$POM" | awk '{print $1}'; }

check_slf4j_bindings() {
  local bindings
  bindings="$(cd "$LIBS_DIR" && ls -1 | grep -E '^(log4j-slf4j2?-impl|slf4j-(reload4j|log4j12|simple|jdk14|nop|jcl)|logback-classic)-[0-9].*\.jar$' || true)"
  local n; n="$(printf '%s' "$bindings" | grep -c . || true)"
  [[ "$n" -eq 1 ]] || die "expected exactly one SLF4J binding in $LIBS_DIR, found $n: ${bindings//$'\n'/ }"
}

assemble_libs() {
  local hash; hash="$(pom_hash)"
  if [[ -f "$STAMP_FILE" && "$(cat "$STAMP_FILE")" == "$hash" ]] && compgen -G "$LIBS_DIR/kafka_2.13-*.jar" >/dev/null; then
    return 0
  fi
  command -v "$MVN" >/dev/null 2>&1 || die "Maven ('$MVN') not found; it is needed once to assemble $LIBS_DIR"
  local t0; t0="$(now_ms)"
  log "assembling class path with Maven into $LIBS_DIR (first run downloads from Maven Central) ..."
  # copy-dependencies never deletes old jars: build into a fresh folder, then swap it in.
  local tmp="$RUN_DIR/libs.tmp"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  if ! "$MVN" -q -B -f "$POM" dependency:copy-dependencies \
        -DoutputDirectory="$tmp" -DincludeScope=runtime </dev/null >"$LOG_DIR/maven.log" 2>&1; then
    tail -n 40 "$LOG_DIR/maven.log" >&2 || true
    rm -rf "$tmp"
    die "Maven failed to assemble the Kafka class path (full log: $LOG_DIR/maven.log)"
  fi
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR"
  echo "$hash" >"$STAMP_FILE"
  log "class path ready: $(ls -1 "$LIBS_DIR"/*.jar | wc -l) jars in $(elapsed "$t0")"
}

# ---------------------------------------------------------------- config + storage
write_properties() {
  cat >"$PROPS_FILE" <<EOF
# Generated by deploy/kafka/kafka.sh on every start - edit the script, not this file.
# Single-node KRaft cluster: this node is both broker and controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DATA_DIR/kraft-combined-logs

# One node: every internal topic must have replication factor 1 / min ISR 1, otherwise consumer
# groups, transactions and share groups silently fail.
num.partitions=6
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false

# Small machine (2 cores): modest thread pools.
num.network.threads=2
num.io.threads=4
log.retention.hours=168
EOF
}

format_storage() {
  if [[ -f "$DATA_DIR/kraft-combined-logs/meta.properties" ]]; then return 0; fi
  mkdir -p "$DATA_DIR"
  local cid
  if [[ -s "$CLUSTER_ID_FILE" ]]; then
    cid="$(cat "$CLUSTER_ID_FILE")"
  else
    cid="$(TOOL_LOG_NAME=storage tools_java kafka.tools.StorageTool random-uuid 2>>"$LOG_DIR/storage.out" | tail -n 1 | tr -d '[:space:]')"
    [[ -n "$cid" ]] || die "StorageTool random-uuid gave no cluster id (see $LOG_DIR/storage.out)"
    echo "$cid" >"$CLUSTER_ID_FILE"
  fi
  log "formatting storage (cluster id $cid) ..."
  if ! TOOL_LOG_NAME=storage tools_java kafka.tools.StorageTool format -t "$cid" -c "$PROPS_FILE" --ignore-formatted \
      >>"$LOG_DIR/storage.out" 2>&1; then
    tail -n 30 "$LOG_DIR/storage.out" >&2 || true
    die "formatting storage failed"
  fi
}

# ---------------------------------------------------------------- commands
# Byte offsets of the logs when this start began, so failures show only this run's lines.
SERVER_LOG_OFFSET=0
OUT_LOG_OFFSET=0
file_size() { stat -c %s "$1" 2>/dev/null || echo 0; }

tail_since() { # file offset lines
  local size; size="$(file_size "$1")"
  if (( size < $2 )); then tail -n "$3" "$1"; else tail -c +$(( $2 + 1 )) "$1" | tail -n "$3"; fi
}

print_failure_logs() {
  log "---- last lines of $LOG_DIR/server.log (this start) ----"
  tail_since "$LOG_DIR/server.log" "$SERVER_LOG_OFFSET" 40 >&2 2>/dev/null || true
  log "---- last lines of $LOG_DIR/kafka.out (this start) ----"
  tail_since "$LOG_DIR/kafka.out" "$OUT_LOG_OFFSET" 20 >&2 2>/dev/null || true
}

cmd_start() {
  local t0; t0="$(now_ms)"
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  # Serialise concurrent starts/stops (e.g. two test runners at once).
  if command -v flock >/dev/null 2>&1; then exec 9>"$LOCK_FILE"; flock -w 300 9 || die "could not lock $LOCK_FILE"; fi

  local pid
  if pid="$(running_pid)"; then
    if kafka_ping; then
      log "already running (pid $pid) on $BOOTSTRAP"
      echo "KAFKA_BROKERS=$BOOTSTRAP"
      return 0
    fi
    # Alive but not answering: maybe still starting (another start in flight) - wait for it below.
    log "broker process $pid exists but does not answer yet; waiting for it"
  else
    rm -f "$PID_FILE"
    if port_open "$PORT"; then die "port $PORT is in use by another process (set KAFKA_PORT)"; fi
    if port_open "$CONTROLLER_PORT"; then die "port $CONTROLLER_PORT is in use by another process (set KAFKA_CONTROLLER_PORT)"; fi

    check_java
    assemble_libs
    check_slf4j_bindings
    write_properties
    format_storage

    SERVER_LOG_OFFSET="$(file_size "$LOG_DIR/server.log")"
    OUT_LOG_OFFSET="$(file_size "$LOG_DIR/kafka.out")"
    # shellcheck disable=SC2086  # heap/extra opts are intentionally word-split
    setsid nohup "$JAVA" $HEAP_OPTS \
      -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
      -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$LOG4J_CONFIG" -Dkafka.logs.dir="$LOG_DIR" -Dkafka.log.name=server \
      -Dkafka.log.level="$LOG_LEVEL" \
      "$MARKER" $EXTRA_JVM_OPTS \
      -cp "$LIBS_DIR/*" kafka.Kafka "$PROPS_FILE" \
      </dev/null >>"$LOG_DIR/kafka.out" 2>&1 9>&- &
    pid=$!
    echo "$pid" >"$PID_FILE"
    log "started java (pid $pid), waiting for $BOOTSTRAP (timeout ${START_TIMEOUT}s) ..."
  fi

  local deadline=$(( $(date +%s) + START_TIMEOUT ))
  until port_open "$PORT" && kafka_ping; do
    # Liveness, not identity: right after the launch the process may still be `setsid`/`nohup`
    # about to exec java, so its command line does not carry the marker yet.
    if ! is_alive "$pid"; then
      print_failure_logs
      rm -f "$PID_FILE"
      die "broker exited during startup"
    fi
    if (( $(date +%s) >= deadline )); then
      print_failure_logs
      die "broker not ready after ${START_TIMEOUT}s (pid $pid still running; use '$0 stop')"
    fi
    sleep 0.5
  done
  # The port answers; now a real metadata round trip through the Java admin client.
  until metadata_check; do
    if ! is_our_broker "$pid" || (( $(date +%s) >= deadline )); then
      print_failure_logs
      die "broker answers on $BOOTSTRAP but the metadata check (TopicCommand --list) failed"
    fi
    sleep 1
  done
  log "Kafka 4.1.1 ready on $BOOTSTRAP (pid $pid) - start took $(elapsed "$t0")"
  echo "KAFKA_BROKERS=$BOOTSTRAP"
}

cmd_stop() {
  mkdir -p "$RUN_DIR"
  if command -v flock >/dev/null 2>&1; then exec 9>"$LOCK_FILE"; flock -w 300 9 || die "could not lock $LOCK_FILE"; fi
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  local t0; t0="$(now_ms)"
  log "stopping broker (pid $pid) ..."
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$(( $(date +%s) + STOP_TIMEOUT ))
  while is_our_broker "$pid"; do
    if (( $(date +%s) >= deadline )); then
      log "still running after ${STOP_TIMEOUT}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.2
  done
  rm -f "$PID_FILE"
  log "stopped in $(elapsed "$t0")"
}

cmd_status() {
  local pid
  if pid="$(running_pid)" && kafka_ping; then
    echo "KAFKA_BROKERS=$BOOTSTRAP"
    log "running (pid $pid)"
    return 0
  fi
  if [[ -n "${pid:-}" ]]; then log "process $pid is running but $BOOTSTRAP does not answer"; else log "not running"; fi
  return 1
}

cmd_clean() {
  cmd_stop
  rm -rf "$DATA_DIR" "$CLUSTER_ID_FILE"
  log "deleted $DATA_DIR"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_stop; cmd_start ;;
  status) cmd_status ;;
  clean) cmd_clean ;;
  logs) tail -n "${2:-100}" "$LOG_DIR/server.log" ;;
  *) echo "usage: $0 start|stop|restart|status|clean|logs [n]" >&2; exit 2 ;;
esac
