#!/usr/bin/env bash
# Throughput of brain-tumor-spark in local[1] and local[2]: patients per second of the Spark job, each master in
# a fresh JVM (Spark start, engine start and model loads included in the wall time, not in the job's seconds).
#
#   spark/bench.sh [DATA] [--command evaluate|segment] [--patients N] [--masters "local[1] local[2]"]
#
# DATA: a data folder; default: N real patients unpacked from ../shared/lgg into spark/target/bench-data, or,
# without it, N seeded 256x256 phantom patients of 20 slices (SYNTHETIC: speed only, not accuracy).
# Run it on a quiet machine (nothing else on the cores); results go to docs/SCALE.md by hand.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="" command="evaluate" patients=8 masters="local[1] local[2]"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --command) command="$2"; shift 2 ;;
    --patients) patients="$2"; shift 2 ;;
    --masters) masters="$2"; shift 2 ;;
    -*) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
    *) data="$1"; shift ;;
  esac
done
t="$here/spark/target"
if [[ ! -f "$t/jvm.options" ]]; then
  echo "bench.sh: build first: (cd '$here' && mvn -o install -DskipTests && mvn -o -f spark/pom.xml package -DskipTests)" >&2
  exit 2
fi
if [[ -z "$data" ]]; then
  shared="$(cd "$here/.." && pwd)/shared/lgg"
  data="$t/bench-data/kaggle_3m"
  if [[ -f "$shared/unpack.sh" ]]; then
    # the N patients with the most slices, in name order: a fixed, realistic workload (LGG: 20-88 slices each)
    mapfile -t chosen < <(awk '{print $2}' "$shared/SHA256SUMS" | awk -F/ '{print $(NF-1)}' | sort | uniq -c \
      | sort -k1,1nr -k2,2 | head -n "$patients" | awk '{print $2}')
    rm -rf "$t/bench-data" && bash "$shared/unpack.sh" "$t/bench-data" "${chosen[@]}" >/dev/null
    echo "data: ${#chosen[@]} real LGG patients in $data"
  else
    rm -rf "$t/bench-data" && mkdir -p "$t/bench-data"
    cat > "$t/bench-data/Phantoms.java" <<'JAVA'
public class Phantoms {
    public static void main(String[] a) throws Exception {
        io.github.braintumor.data.PhantomGenerator.builder().optSeed(42).optPatients(Integer.parseInt(a[1]))
                .optSlicesPerPatient(20).build().write(java.nio.file.Path.of(a[0]));
    }
}
JAVA
    java -cp "$t/lib/*" "$t/bench-data/Phantoms.java" "$t/bench-data" "$patients"
    echo "data: $patients SYNTHETIC phantom patients of 20 slices in $data"
  fi
fi
slices=$(find "$data" -name '*.tif' ! -name '*_mask.tif' | wc -l)
echo "command: $command, $slices slices, $(nproc) cores visible, $(date -u +%Y-%m-%dT%H:%MZ)"
for m in $masters; do
  out="$t/bench-out/$command-${m//[^a-z0-9]/_}"
  rm -rf "$out"
  start=$(date +%s.%N)
  log=$("$here/bin/brain-tumor-spark" "$command" "$data" --out "$out" --master "$m" 2>&1 >/dev/null) || {
    echo "$log" >&2; exit 1; }
  wall=$(echo "$(date +%s.%N) - $start" | bc)
  line=$(echo "$log" | grep -E "patient\(s\) done" | tail -n 1)
  done_n=$(echo "$line" | sed -E 's/.*: ([0-9]+) patient\(s\) done.*/\1/')
  secs=$(echo "$line" | sed -E 's/.* ([0-9.]+) s, output.*/\1/')
  printf '%-10s %3d patients  job %7.1f s  %6.3f patients/s  %6.2f slices/s  (wall %6.1f s with Spark and JVM start)\n' \
    "$m" "$done_n" "$secs" "$(echo "$done_n / $secs" | bc -l)" "$(echo "$slices / $secs" | bc -l)" "$wall"
done
