#!/usr/bin/env bash
# Small single-file measurements behind docs/BENCHMARKS.md (2026-12-03 section), run with Java's source launcher
# against the built jars (mvn -o package -DskipTests first). Nothing else should run meanwhile.
#   bench/harness/run.sh conv     # one large 3x3 convolution, 1 and 2 threads (GFLOP/s)
#   bench/harness/run.sh unet     # default UNet inference at batch 1/2/4/8, 1 and 2 threads
#   bench/harness/run.sh train    # UNet features 16, 128x128, batch 16 training step, 1 then 2 threads: ours (float32,
#                                 # bf16 mixed precision) and the peer's probe (fp32, channels-last, bf16 autocast, both)
#   bench/harness/run.sh precision  # float32 vs bfloat16: the convolution and the default UNet (DefaultSegmenter), 1 and 2 threads
#   bench/harness/run.sh train-pair # two 1-thread training steps at once (cores 0 and 1) against one with 2 threads
#   bench/harness/run.sh graph      # the UNet graph against the block's own forward, 2 and 1 threads
#   bench/harness/run.sh graph-quality  # float32/bfloat16, graph or not, against the float32 block forward
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$(ls "$here"/target/Brain_Tumor-*.jar | grep -v -e '-sources' -e '-tests' | head -n 1)"
cp="$jar:$here/target/lib/*"
j() { java -Dai.djl.pytorch.num_threads="$1" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" "${@:2}" 2>&1 | grep -v WARN; }
case "${1:-}" in
  conv|unet) for t in 1 2; do j "$t" "$here/bench/harness/ConvAndUnet.java" "$1"; done ;;
  precision) for t in 1 2; do j "$t" "$here/bench/harness/PrecisionHarness.java"; done ;;
  graph) for t in 2 1; do j "$t" "$here/bench/harness/GraphAB.java"; done ;;
  graph-quality) j 2 "$here/bench/harness/GraphQ.java" ;;
  train-pair) echo "one run, 2 threads:"; j 2 "$here/bench/harness/TrainStep.java"
         echo "two runs at once, 1 thread each (cores 0 and 1):"
         taskset -c 0 bash -c "$(declare -f j); cp='$cp'; j 1 '$here/bench/harness/TrainStep.java'" > /tmp/train-pair-0.txt &
         taskset -c 1 bash -c "$(declare -f j); cp='$cp'; j 1 '$here/bench/harness/TrainStep.java'" > /tmp/train-pair-1.txt
         wait; cat /tmp/train-pair-0.txt /tmp/train-pair-1.txt ;;
  train) for t in 1 2; do
           for mode in fp32 bf16; do j "$t" "$here/bench/harness/TrainStep.java" "$mode"; done
           /usr/bin/python3 "$here/../shared/bench/peer/bf16_train_probe.py" --threads "$t" --steps 7
         done ;;
  *) echo "usage: bench/harness/run.sh conv|unet|train|precision|train-pair|graph|graph-quality" >&2; exit 2 ;;
esac
