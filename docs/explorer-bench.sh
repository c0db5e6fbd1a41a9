#!/bin/sh
# The explorer's benchmark (not a test): shape inference time of ResNet-18 and GoogLeNet and the
# explorer's edit-to-redraw time, headless (Monocle, software rendering). From the repository root:
#   docs/explorer-bench.sh          (add -o to the mvnw lines to run offline)
set -e
cd "$(dirname "$0")/.."
./mvnw -q -B -pl app -am install -DskipTests
./mvnw -q -B -pl app dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/app/target/test-cp.txt"
java -Xmx2g -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -Djava.awt.headless=true -cp "app/target/test-classes:app/target/classes:$(cat app/target/test-cp.txt)" \
  studio.convnet.app.architecture.ExplorerBench
