#!/bin/bash
# Reproduces the dashboard measurements in docs/dashboard.md: the UI thread's responsiveness while
# AlexNet-96 trains in the app (under Xvfb), and the same configuration trained headless by the CLI.
# Usage: [EPOCHS=1] docs/measure-ui.sh [train-images (2560)] [display (:96)]
set -euo pipefail
cd "$(dirname "$0")/.."
TRAIN=${1:-2560}
DISPLAY_NO=${2:-:96}
./mvnw -q -B install -DskipTests
./mvnw -q -B -pl app dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$PWD/target/app-cp.txt"
CP="app/target/classes:$(cat target/app-cp.txt)"
OUT=$(mktemp -d)
if ! xdpyinfo -display "$DISPLAY_NO" >/dev/null 2>&1; then
  Xvfb "$DISPLAY_NO" -screen 0 1600x1000x24 & XVFB=$!
  trap 'kill $XVFB' EXIT
  sleep 1
fi
echo "== GUI (preset 'AlexNet 96 px subset', $TRAIN training images, 1 epoch), load $(cut -d' ' -f1-3 /proc/loadavg)"
DISPLAY=$DISPLAY_NO java -Xmx6g -Dai.djl.offline=true -Dconvnet.runs="$OUT/gui" -Dconvnet.autostart=3 \
  -Dconvnet.autostart.train="$TRAIN" -Dconvnet.autostart.epochs="${EPOCHS:-1}" -Dconvnet.measureUi=true \
  -Dconvnet.measureUi.pulses="${PULSES:-false}" -Dconvnet.exitAfterRun=true -cp "$CP" studio.convnet.app.Launcher \
  2>/dev/null | grep UI-PROBE
echo "== CLI, same configuration, load $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx6g -Dai.djl.offline=true -jar engine/target/convnet.jar train --model alexnet --input 96 \
  --batch-size 128 --lr 0.01 --optimizer sgd --epochs "${EPOCHS:-1}" --train-limit "$TRAIN" --test-limit 1000 \
  --filter-every 4 --seed 42 --out "$OUT/cli" --json 2>/dev/null | python3 -c '
import sys, json
ips = []
for line in sys.stdin:
    e = json.loads(line)
    if e.get("type") == "BatchMetrics": ips.append(e["imagesPerSecond"])
    if e.get("type") == "EpochMetrics": print("CLI epoch", e["epoch"], "seconds", round(e["seconds"], 1))
ips.sort()
print("CLI median %.1f images/s over %d batch points" % (ips[len(ips) // 2], len(ips)))'
