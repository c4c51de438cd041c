#!/usr/bin/env bash
# Benchmark of the administrative monitor's index (issue 7): read every config.xml of a synthetic Jenkins home of
# N jobs (default 50,000) into core's ReferenceIndex, as the plugin does at startup in the background, then compute
# the summary its page renders. Prints the time of each of 3 rounds and the heap after GC.
# Usage: bench/index-benchmark.sh [JOBS]     (run from the repository root)
set -euo pipefail
JOBS="${1:-50000}"
HOME_DIR="${BENCH_HOME:-/tmp/bitbucket-api-token-bench-home}"
cd "$(dirname "$0")/.."

echo "Building core and its test classes..."
mvn -B -q -DskipTests -pl core package
CP="core/target/test-classes:core/target/classes:$(mvn -B -q -pl core dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"

if [ ! -f "$HOME_DIR/.jobs-$JOBS" ]; then
  echo "Generating a Jenkins home of $JOBS jobs in $HOME_DIR..."
  rm -rf "$HOME_DIR"
  java -cp "$CP" io.jenkins.plugins.bitbucketapitoken.core.audit.testing.SyntheticJenkinsHome "$HOME_DIR" "$JOBS"
  touch "$HOME_DIR/.jobs-$JOBS"
fi
java -Xmx512m -cp "$CP" io.jenkins.plugins.bitbucketapitoken.core.monitor.testing.IndexBenchmark "$HOME_DIR" 3
