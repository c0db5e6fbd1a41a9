#!/bin/bash
# The live GUI's cost for the fastest network: preset lenet-quick (LeNet, batch 64, 6 epochs of
# 12 000 images) in the real window under Xvfb, then the same preset trained headless by the CLI,
# PAIRS times alternately. Prints each run's seconds of epochs, the GUI/CLI ratio per pair, and the
# UI probe's FX-thread CPU and pulse counts (docs/dashboard.md, "Pulses"), the X server's CPU time,
# and at the end the median ratio and the ratio of the sums. A benchmark, not a test.
# Usage: [PAIRS=3] [BOOK=1] docs/measure-ui-lenet.sh [display (:96)]
# BOOK=1: the book's LeNet (preset lenet-book: all 60 000 images, batch 256) for 3 epochs instead.
set -euo pipefail
cd "$(dirname "$0")/.."
DISPLAY_NO=${1:-:96}
./mvnw -q -B install -DskipTests
./mvnw -q -B -pl app dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$PWD/target/app-cp.txt"
CP="app/target/classes:$(cat target/app-cp.txt)"
OUT=$(mktemp -d)
if [ -n "${BOOK:-}" ]; then
  GUI_RUN=(-Dconvnet.autostart=0 -Dconvnet.autostart.epochs=3); CLI_RUN=(--preset lenet-book --epochs 3); EPOCHS=3
else
  GUI_RUN=(-Dconvnet.autostart=1); CLI_RUN=(--preset lenet-quick); EPOCHS=6
fi
if ! xdpyinfo -display "$DISPLAY_NO" >/dev/null 2>&1; then
  Xvfb "$DISPLAY_NO" -screen 0 1600x1000x24 >/dev/null 2>&1 & XVFB=$!
  trap 'kill $XVFB' EXIT
  sleep 1
fi
XPID=$(pgrep -f "Xvfb $DISPLAY_NO" | head -1 || true)
xcpu() { [ -n "$XPID" ] && awk '{print $14 + $15}' "/proc/$XPID/stat" || echo 0; } # clock ticks
epochs() { # sum of the run's epoch seconds, from its events.jsonl
  python3 -c 'import sys, json
s = [json.loads(l)["seconds"] for l in open(sys.argv[1]) if "\"EpochMetrics\"" in l]
print("%.2f" % sum(s) if len(s) == int(sys.argv[2]) else "failed")' "$1" "$EPOCHS"
}
RATIOS=""
for i in $(seq 1 "${PAIRS:-3}"); do
  X0=$(xcpu)
  DISPLAY=$DISPLAY_NO java -Xmx4g -Dai.djl.offline=true -Dconvnet.runs="$OUT/gui$i" "${GUI_RUN[@]}" \
    -Dconvnet.measureUi=true -Dconvnet.measureUi.pulses=false -Dconvnet.exitAfterRun=true -cp "$CP" \
    studio.convnet.app.Launcher 2>/dev/null | grep -E 'UI-PROBE (scene pulses|process CPU)' > "$OUT/probe$i" || true
  X1=$(xcpu)
  java -Xmx4g -Dai.djl.offline=true -jar engine/target/convnet.jar train "${CLI_RUN[@]}" \
    --out "$OUT/cli$i" >/dev/null 2>&1
  G=$(epochs "$OUT"/gui$i/*/events.jsonl)
  C=$(epochs "$OUT"/cli$i/*/events.jsonl)
  R=$(python3 -c "print('%.3f' % ($G / $C))" 2>/dev/null || echo '?')
  RATIOS="$RATIOS $G/$C"
  echo "pair $i: GUI $G s, CLI $C s, GUI/CLI $R, X server CPU $(( (X1 - X0) * 10 )) ms, load $(cut -d' ' -f1 /proc/loadavg)"
  sed 's/^/  /' "$OUT/probe$i" | cut -c1-200
done
python3 -c 'import sys, statistics
p = [tuple(map(float, x.split("/"))) for x in sys.argv[1:] if "failed" not in x]
if p:
  print("GUI/CLI over %d pairs: median %.3f, sum %.3f" % (len(p), statistics.median(g / c for g, c in p),
        sum(g for g, _ in p) / sum(c for _, c in p)))' $RATIOS
