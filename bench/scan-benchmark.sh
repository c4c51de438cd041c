#!/usr/bin/env bash
# Benchmark of `bitbucket-api-token scan` on a synthetic Jenkins home of N jobs (default 50,000), against
# reading the same config.xml files with find + cat on the same machine in the same run.
# Targets (issue 4): peak RSS under 512 MB and wall time within 3x of find+cat.
# Usage: bench/scan-benchmark.sh [JOBS]     (run from the repository root)
set -euo pipefail
JOBS="${1:-50000}"
HOME_DIR="${BENCH_HOME:-/tmp/bitbucket-api-token-bench-home}"
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/time ]; then
  echo "GNU time is missing: install it (apt-get install -y time) and run again." >&2
  exit 2
fi

echo "Building the CLI jar and the test classes (generator)..."
mvn -B -q -DskipTests package

if [ ! -f "$HOME_DIR/.jobs-$JOBS" ]; then
  echo "Generating a Jenkins home of $JOBS jobs in $HOME_DIR..."
  rm -rf "$HOME_DIR"
  java -cp core/target/test-classes:core/target/classes \
    io.jenkins.plugins.bitbucketapitoken.core.audit.testing.SyntheticJenkinsHome "$HOME_DIR" "$JOBS"
  touch "$HOME_DIR/.jobs-$JOBS"
fi
FILES=$(find "$HOME_DIR/jobs" -name config.xml | wc -l)
BYTES=$(find "$HOME_DIR/jobs" -name config.xml -printf '%s\n' | awk '{s+=$1} END {print s}')
echo "config.xml files: $FILES ($((BYTES / 1024 / 1024)) MiB)"

# The scan exits 1 here (the generated home uses app passwords on purpose), so its status is ignored.
# Warm the page cache once, so that both measurements read from memory.
find "$HOME_DIR/jobs" -name config.xml -exec cat {} + >/dev/null

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
best() { sort -n | head -1; }
CAT_TIMES=(); SCAN_TIMES=(); SCAN_RSS=()
for run in 1 2 3; do
  CAT_TIMES+=("$( { /usr/bin/time -f '%e' find "$HOME_DIR/jobs" -name config.xml -exec cat {} + >/dev/null; } 2>&1 )")
  OUT=$( { /usr/bin/time -f '%e %M' java -Xmx512m -jar cli/target/bitbucket-api-token-cli.jar scan "$HOME_DIR" \
          --format json >/dev/null || true; } 2>&1 | tail -1 )
  SCAN_TIMES+=("${OUT% *}"); SCAN_RSS+=("${OUT#* }")
done
CAT=$(printf '%s\n' "${CAT_TIMES[@]}" | best)
SCAN=$(printf '%s\n' "${SCAN_TIMES[@]}" | best)
RSS=$(printf '%s\n' "${SCAN_RSS[@]}" | sort -n | tail -1)
RATIO=$(awk -v s="$SCAN" -v c="$CAT" 'BEGIN {printf "%.2f", s / c}')
echo "machine: $(nproc) cores, load average ${LOAD_BEFORE} before, $(cut -d' ' -f1-3 /proc/loadavg) after, $(java -version 2>&1 | head -1)"
echo "find+cat (best of 3):   ${CAT} s   (runs: ${CAT_TIMES[*]})"
echo "scan     (best of 3):   ${SCAN} s   (runs: ${SCAN_TIMES[*]})"
echo "ratio scan / find+cat:  ${RATIO}x   (target: at most 3x)"
echo "peak RSS of scan:       $((RSS / 1024)) MB   (target: under 512 MB)"
