#!/bin/bash
# Runs the same commands with two builds (checkouts with target/ built, e.g. before and after a refactor) on DATA
# and prints what differs: masks, tables, pictures and summary numbers should be identical; only the output
# manifests (file times), timings and the report's timing line may differ.
set -u
export BRAIN_TUMOR_THREADS=1
D=${3:?usage: same-outputs.sh BASE_CHECKOUT NEW_CHECKOUT DATA [OUT]}
for app in base:${1:?} new:${2:?}; do
  name=${app%%:*}; dir=${app#*:}; o=${4:-/tmp/same-outputs}/$name; rm -rf $o; mkdir -p $o
  bt=$dir/bin/brain-tumor
  $bt segment $D --out $o/seg --batch 4 > $o/segment.txt 2>&1; echo "$name segment $?"
  $bt classify $D --csv $o/classify.csv > $o/classify.txt 2>&1; echo "$name classify $?"
  $bt iou $o/seg $D --csv $o/iou.csv > $o/iou.txt 2>&1; echo "$name iou $?"
  $bt evaluate $D --out $o/eval --lcc --tta --min-area 20 > $o/evaluate.txt 2>&1; echo "$name evaluate $?"
  $bt overview $D --csv $o/overview.csv > $o/overview.txt 2>&1; echo "$name overview $?"
done
cd ${4:-/tmp/same-outputs}
echo "== segment outputs (masks, tables)"; diff -r -x .brain-tumor-output base/seg new/seg && echo identical
for f in classify.csv iou.csv overview.csv; do echo "== $f"; cmp base/$f new/$f && echo identical; done
echo "== evaluate: every file but the report and summary"; diff -r -x .brain-tumor-output -x report.html -x summary.json -x '*.png' base/eval new/eval && echo identical
echo "== evaluate PNGs"; for f in base/eval/*.png; do cmp -s $f new/eval/$(basename $f) || echo "differs: $(basename $f)"; done
echo "== summary.json (lines that differ)"; diff <(python3 -m json.tool base/eval/summary.json) <(python3 -m json.tool new/eval/summary.json)
echo "== stdout"; for f in segment classify iou evaluate overview; do
  diff <(grep -v "ETA\|engine:" base/$f.txt | sed "s|/base/|/X/|g") <(grep -v "ETA\|engine:" new/$f.txt | sed "s|/new/|/X/|g") \
    > /dev/null && echo "$f identical (but progress and timings)" || echo "$f stdout differs"
done
