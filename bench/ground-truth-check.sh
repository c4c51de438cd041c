#!/usr/bin/env bash
# Writes Jenkins homes whose answer is known (GroundTruthHome: which jobs use an app password, decided while
# writing by Jenkins' resolution), scans each with and without its keys, and prints whether the scan found exactly
# the affected jobs (no miss, no extra) and, without keys, listed every one of them as possibly affected.
# Usage: bench/ground-truth-check.sh [JOBS] [SEED...]     (default: 50000 jobs, seeds 1 7 20260728)
set -euo pipefail
JOBS="${1:-50000}"
shift || true
SEEDS=("${@:-1 7 20260728}")
DIR="${GROUND_TRUTH_DIR:-/tmp/bitbucket-api-token-ground-truth}"
cd "$(dirname "$0")/.."
mvn -B -q -pl core -DskipTests test-compile
rm -rf "$DIR" && mkdir -p "$DIR"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
# shellcheck disable=SC2068
java -Xmx1g -cp core/target/test-classes:core/target/classes \
  io.jenkins.plugins.bitbucketapitoken.core.audit.testing.GroundTruthHome "$DIR" "$JOBS" ${SEEDS[@]}
rm -rf "$DIR"
