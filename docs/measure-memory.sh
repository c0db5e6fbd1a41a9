#!/bin/sh
# Long-run memory benchmark (issue 11; not a unit test): trains LeNet for EPOCHS epochs with the CLI
# and prints the process's resident set size (RSS) every few seconds and at the end of each epoch.
#   docs/measure-memory.sh [EPOCHS] [TRAIN_LIMIT] [java options...]
#   docs/measure-memory.sh 50                      # 50 epochs, all 60 000 images, the CLI's defaults
#   docs/measure-memory.sh 15 12000 -Xmx4g         # 15 epochs on 12 000 images with another heap
# Build first: ./mvnw -q package -DskipTests -pl engine
set -eu
EPOCHS=${1:-50}
LIMIT=${2:-0}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] && shift
JAR=${JAR:-engine/target/convnet.jar}
OUT=$(mktemp -d /tmp/convnet-memory.XXXXXX)
LIMIT_FLAG=""
[ "$LIMIT" -gt 0 ] && LIMIT_FLAG="--train-limit $LIMIT"
# shellcheck disable=SC2086
java "$@" -jar "$JAR" train --model lenet --epochs "$EPOCHS" $LIMIT_FLAG --out "$OUT/runs" \
  >"$OUT/out.log" 2>"$OUT/err.log" &
PID=$!
START=$(date +%s)
LAST=0
echo "seconds  epoch  rss_mb   (java $* ; $EPOCHS epochs, train limit ${LIMIT:-all}; pid $PID)"
while kill -0 "$PID" 2>/dev/null; do
  RSS=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$PID/status" 2>/dev/null || echo 0)
  EPOCH=$(tr '\r' '\n' <"$OUT/err.log" | grep -o '^epoch [0-9]*/[0-9]*: ' | tail -1 | grep -o '[0-9]*/' | tr -d / || true)
  EPOCH=${EPOCH:-0}
  NOW=$(( $(date +%s) - START ))
  if [ "$EPOCH" != "$LAST" ]; then
    printf '%7d  %5s  %6s   <- end of epoch %s\n' "$NOW" "$EPOCH" "$RSS" "$EPOCH"
    LAST=$EPOCH
  elif [ $((NOW % 10)) -eq 0 ]; then
    printf '%7d  %5s  %6s\n' "$NOW" "$EPOCH" "$RSS"
  fi
  sleep 1
done
wait "$PID" || true
tail -2 "$OUT/out.log"
echo "run folder and logs: $OUT"
