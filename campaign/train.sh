#!/usr/bin/env bash
# One piece of the default-model training campaign (docs/TRAINING.md): runs the CLI from a frozen copy of the build
# (runs/app, so that rebuilding target/ cannot break the running JVM) on core 1 with one intra-op thread.
# Usage: campaign/train.sh unet|classifier DATA MINUTES [extra train options...]
# CAMPAIGN_NAME names the run (default: the model): resumes from campaign/<name>-last when it exists (exact: weights,
# optimizer, sampling) and writes runs/<name>. Later options override the defaults below (e.g. --crop 0 --init B).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="${1:?unet|classifier}"; data="${2:?DATA}"; minutes="${3:?MINUTES}"; shift 3
app="$here/runs/app"
[[ -d "$app/lib" ]] || { mkdir -p "$app"; cp -r "$here/target/lib" "$app/lib"; cp "$here"/target/Brain_Tumor-*.jar "$app/"; }
jar="$(ls "$app"/Brain_Tumor-*.jar | head -n 1)"
name="${CAMPAIGN_NAME:-$model}"
out="$here/runs/$name"
resume=()
if [[ -f "$here/campaign/$name-last/checkpoint.json" ]]; then
  # copy: the run writes its own -last next to runs/$name
  rm -rf "$here/runs/$name-resume"; cp -r "$here/campaign/$name-last" "$here/runs/$name-resume"
  resume=(--resume "$here/runs/$name-resume")
fi
case "$model" in
  unet) args=(train-unet "$data" --out "$out" --features 16 --crop 128 --batch 16 --samples 2400 --epochs 30) ;;
  classifier) args=(train-classifier "$data" --out "$out" --input-size 128 --batch 32 --epochs 30) ;;
  *) echo "campaign/train.sh: unknown model $model (unet or classifier)" >&2; exit 2 ;;
esac
exec taskset -c "${CAMPAIGN_CORE:-1}" java -Xmx8g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 -cp "$jar:$app/lib/*" \
  io.github.braintumor.cli.Main "${args[@]}" --seed 42 --split "$here/docs/split-campaign.csv" \
  --minutes "$minutes" "${resume[@]}" "$@"
