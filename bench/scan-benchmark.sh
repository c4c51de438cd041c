#!/usr/bin/env bash
# Benchmark of `bitbucket-api-token scan` (the launcher, cli/target/bitbucket-api-token) on synthetic Jenkins homes
# (SyntheticJenkinsHome, default 50,000 and 500,000 jobs), against the physical limit on the same machine in the
# same loop: reading every config.xml once on all cores (find | xargs -P cat), and, for reference, with one reader
# (find -exec cat). Five interleaved runs of each; min/median/max of wall time, of CPU time (user + system: on few
# cores wall time follows it) and of the scan's peak RSS.
# Targets (issue 15): scan within 1.2x of the parallel read and under 256 MB at 50,000 jobs; at 500,000 the ratio
# within 10% of the 50,000 one and under 512 MB.
#
# Usage: bench/scan-benchmark.sh [JOBS...]     (run from anywhere; default: 50000 500000)
# Environment: BENCH_DIR (where homes are generated, default /tmp/bitbucket-api-token-bench), RUNS (default 5),
#   REFERENCE_JAR (a jar of an earlier build: its JSON report of each home must be byte-identical to this one's),
#   BENCH_JAVA_JAR=1 (also time `java -jar` with the JVM's default flags).
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${BENCH_DIR:-/tmp/bitbucket-api-token-bench}"
RUNS="${RUNS:-5}"
SIZES=("${@:-50000 500000}")
# shellcheck disable=SC2206 # "50000 500000" is two sizes
SIZES=(${SIZES[@]})
CORES="$(nproc)"
LAUNCHER=cli/target/bitbucket-api-token
JAR=cli/target/bitbucket-api-token-cli.jar
AS_OF=2026-08-01

if [ ! -x /usr/bin/time ]; then
  echo "GNU time is missing: install it (apt-get install -y time) and run again." >&2
  exit 2
fi

echo "Building the launcher, the jar and the test classes (generator)..."
mvn -B -q -DskipTests package
mkdir -p "$DIR"

# min/median/max of numbers, one per line
stats() { sort -n | awk '{v[NR] = $1} END {printf "%s/%s/%s", v[1], v[int((NR + 1) / 2)], v[NR]}'; }
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
# CPU seconds of a run: user + system
cpu() { awk -v u="$1" -v s="$2" 'BEGIN {printf "%.2f", u + s}'; }

echo "machine: ${CORES} cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/ {print $2}') GB," \
  "$(java -version 2>&1 | head -1)"
declare -A RATIO
for JOBS in "${SIZES[@]}"; do
  HOME_DIR="$DIR/home-$JOBS"
  if [ ! -f "$HOME_DIR/.jobs-$JOBS" ]; then
    echo "Generating a Jenkins home of $JOBS jobs in $HOME_DIR..."
    rm -rf "$HOME_DIR"
    java -cp core/target/test-classes:core/target/classes \
      io.jenkins.plugins.bitbucketapitoken.core.audit.testing.SyntheticJenkinsHome "$HOME_DIR" "$JOBS"
    touch "$HOME_DIR/.jobs-$JOBS"
  fi
  HOME_DIR="$(cd "$HOME_DIR" && pwd -P)"
  FILES=$(find "$HOME_DIR" -name config.xml | wc -l)
  BYTES=$(find "$HOME_DIR" -name config.xml -printf '%s\n' | awk '{s += $1} END {print s}')
  # Warm the page cache, so that every run reads from memory.
  find "$HOME_DIR" -name config.xml -print0 | xargs -0 -P"$CORES" -n 2000 cat >/dev/null

  if [ -n "${REFERENCE_JAR:-}" ]; then
    java -jar "$REFERENCE_JAR" scan "$HOME_DIR" --format json --as-of "$AS_OF" >"$DIR/reference.json" || true
    "$LAUNCHER" scan "$HOME_DIR" --format json --as-of "$AS_OF" >"$DIR/report.json" || true
    if cmp -s "$DIR/reference.json" "$DIR/report.json"; then
      echo "report of $JOBS jobs: byte-identical to $REFERENCE_JAR ($(wc -c <"$DIR/report.json") bytes)"
    else
      echo "report of $JOBS jobs: DIFFERS from $REFERENCE_JAR (see $DIR/reference.json, $DIR/report.json)" >&2
      exit 1
    fi
    rm -f "$DIR/reference.json" "$DIR/report.json"
  fi

  LOAD_BEFORE=$(load)
  PAR=(); PAR_CPU=(); SINGLE=(); SCAN=(); SCAN_CPU=(); RSS=(); JJ=(); JJ_RSS=()
  for _ in $(seq "$RUNS"); do
    OUT=$( { /usr/bin/time -f '%e %U %S' sh -c \
      "find '$HOME_DIR' -name config.xml -print0 | xargs -0 -P$CORES -n 2000 cat >/dev/null"; } 2>&1 | tail -1)
    read -r WALL T_USER T_SYS <<<"$OUT"
    PAR+=("$WALL"); PAR_CPU+=("$(cpu "$T_USER" "$T_SYS")")
    SINGLE+=("$( { /usr/bin/time -f '%e' find "$HOME_DIR" -name config.xml -exec cat {} + >/dev/null; } 2>&1 )")
    # The scan exits 1 here (the generated home uses app passwords on purpose), so its status is ignored.
    OUT=$( { /usr/bin/time -f '%e %U %S %M' "$LAUNCHER" scan "$HOME_DIR" --format json >/dev/null || true; } 2>&1 | tail -1)
    read -r WALL T_USER T_SYS KB <<<"$OUT"
    SCAN+=("$WALL"); SCAN_CPU+=("$(cpu "$T_USER" "$T_SYS")"); RSS+=("$((KB / 1024))")
    if [ -n "${BENCH_JAVA_JAR:-}" ]; then
      OUT=$( { /usr/bin/time -f '%e %M' java -jar "$JAR" scan "$HOME_DIR" --format json >/dev/null || true; } 2>&1 | tail -1)
      JJ+=("${OUT% *}"); JJ_RSS+=("$((${OUT#* } / 1024))")
    fi
  done
  P=$(printf '%s\n' "${PAR[@]}" | median)
  S=$(printf '%s\n' "${SINGLE[@]}" | median)
  M=$(printf '%s\n' "${SCAN[@]}" | median)
  RATIO[$JOBS]=$(awk -v m="$M" -v p="$P" 'BEGIN {printf "%.2f", m / p}')
  echo
  echo "== $JOBS jobs: $FILES config.xml files, $((BYTES / 1024 / 1024)) MiB; load average $LOAD_BEFORE before, $(load) after"
  echo "                              time min/median/max (s)   CPU min/median/max (s)    peak RSS min/median/max (MB)"
  printf '%-30s%-26s%s\n' "parallel read (xargs -P$CORES cat)" "$(printf '%s\n' "${PAR[@]}" | stats)" \
    "$(printf '%s\n' "${PAR_CPU[@]}" | stats)"
  printf '%-30s%-26s\n' "single read (find -exec cat)" "$(printf '%s\n' "${SINGLE[@]}" | stats)"
  printf '%-30s%-26s%-26s%s\n' "scan (launcher)" "$(printf '%s\n' "${SCAN[@]}" | stats)" \
    "$(printf '%s\n' "${SCAN_CPU[@]}" | stats)" "$(printf '%s\n' "${RSS[@]}" | stats)"
  if [ -n "${BENCH_JAVA_JAR:-}" ]; then
    printf '%-30s%-26s%-26s%s\n' "scan (java -jar, JVM defaults)" "$(printf '%s\n' "${JJ[@]}" | stats)" "" \
      "$(printf '%s\n' "${JJ_RSS[@]}" | stats)"
  fi
  echo "median ratio scan / parallel read: ${RATIO[$JOBS]}x; scan / single read: $(awk -v m="$M" -v s="$S" 'BEGIN {printf "%.2f", m / s}')x;" \
    "CPU, scan / parallel read: $(awk -v m="$(printf '%s\n' "${SCAN_CPU[@]}" | median)" \
      -v p="$(printf '%s\n' "${PAR_CPU[@]}" | median)" 'BEGIN {printf "%.2f", m / p}')x"
  echo "runs: parallel ${PAR[*]} | single ${SINGLE[*]} | scan ${SCAN[*]} (RSS MB ${RSS[*]})"
done

echo
echo "targets: 50,000 jobs within 1.2x of the parallel read and under 256 MB; 500,000 jobs the same ratio +-10% and under 512 MB"
if [ -n "${RATIO[50000]:-}" ] && [ -n "${RATIO[500000]:-}" ]; then
  echo "ratio at 500,000 / ratio at 50,000: $(awk -v a="${RATIO[500000]}" -v b="${RATIO[50000]}" 'BEGIN {printf "%.2f", a / b}')"
fi
