#!/usr/bin/env bash
# Times the audit's readers on hostile documents of up to N MiB each (default 32, the scan's default file limit):
# deep nesting, hundreds of thousands of distinct ids and URLs, long runs of what the readers search for.
# Every line should take at most a few seconds (issue 12). Usage: bench/hostile-input-benchmark.sh [MiB]
set -euo pipefail
MIB="${1:-32}"
cd "$(dirname "$0")/.."
mvn -B -q -pl core -DskipTests test-compile
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
java -Xmx1g -cp core/target/test-classes:core/target/classes \
  io.jenkins.plugins.bitbucketapitoken.core.audit.testing.HostileInputBenchmark "$MIB"
