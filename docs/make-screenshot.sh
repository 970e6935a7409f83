#!/usr/bin/env bash
# Regenerates docs/screenshot.png: ImageJ 1.54p under Xvfb, a synthetic phantom stack, "Segment Tumor (UNet)"
# with the outline overlay and the "Tumor Segmentation" table (io.github.braintumor.fiji.ScreenshotMain).
#   docs/make-screenshot.sh [MODEL_BUNDLE]    (no argument: the embedded default UNet)
# Needs xvfb-run (Debian package xvfb). MVN_OPTS: extra Maven options (default -o, offline).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
bundle="${1:-}"
if [[ -n "$bundle" ]]; then
  bundle="$(cd "$bundle" && pwd)"
elif [[ ! -f src/main/resources/io/github/braintumor/models/unet/model.json ]]; then
  echo "make-screenshot: no embedded default UNet yet: give a model bundle folder" >&2
  exit 2
fi
command -v xvfb-run >/dev/null || { echo "make-screenshot: xvfb-run not found (apt-get install xvfb)" >&2; exit 2; }
mvn -B -q ${MVN_OPTS:--o} package -DskipTests
ij="$here/target/screenshot-ij"
rm -rf "$ij" && mkdir -p "$ij/plugins"
cp "$(ls target/Brain_Tumor-*.jar | grep -v -e '-sources' -e '-tests' | head -n 1)" "$ij/plugins/"
xvfb-run -a -s "-screen 0 1400x900x24" java -Xmx3g -Dplugins.dir="$ij" \
  -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1 \
  -Djava.util.prefs.userRoot="$here/target/prefs" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "target/test-classes:target/classes:target/lib/*" io.github.braintumor.fiji.ScreenshotMain "$bundle" docs/screenshot.png
