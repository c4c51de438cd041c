#!/usr/bin/env bash
# Benchmark of the plugin at the scale of a large controller (issue 13), in a real Jenkins started by JenkinsRule:
# 10,000 jobs in about 500 folders (freestyle, Pipeline, multibranch), 5% on an app password, one folder of 1,000
# jobs. Every figure is taken with and without the plugin in the same JVM, on the same generated home restarted,
# after a warm-up start, in the order without, with, with, without (JIT warm-up favours neither); "without" filters every
# extension of this plugin with an ExtensionFilter, as if it were not installed. Also times bitbucketCheckout
# against checkout scmGit(...) of the same repository from the fake Bitbucket (median of 20). Saves and renders are
# also timed within one start, with the plugin's listeners (saves, in alternating blocks) or its monitors and
# management link (/manage, every other render) removed and registered ("same controller"): one start of Jenkins
# differs from the next by more than the plugin's cost, so these are the precise figures. The report ends with the
# medians per start.
# Prints min/p50/p99/max per figure and writes plugin/target/plugin-scale-benchmark.txt. Takes 10-20 minutes.
# Usage: bench/plugin-scale-benchmark.sh [JOBS]   (run from the repository root; extra Maven flags via MVN_ARGS, e.g.
#        MVN_ARGS=-Dbench.startupOnly=true for the startup figures only, -Dbench.modes=without,with for one round)
set -euo pipefail
JOBS="${1:-10000}"
cd "$(dirname "$0")/.."
MVN="${MVN:-mvn}"
echo "Load before the run: $(cat /proc/loadavg 2>/dev/null || echo unknown)"
# The plugin POM's default argLine limits the JIT to C1 and the heap to 768 MB; a controller runs with C2.
$MVN -B ${MVN_ARGS:-} -Pplugin -pl plugin -am test \
  -Dtest=PluginScaleBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true -Dspotbugs.skip=true -Djacoco.skip=true \
  -Dbench.pluginScale=true -Dbench.jobs="$JOBS" \
  -DargLine='-Xms2g -Xmx2g -Djenkins.test.timeout=0 @{jenkins.addOpens} @{jenkins.insaneHook} @{jenkins.javaAgent}' \
  | grep -E '^(Generated|\[with|\[without|Machine|figure|startup|index|job save|folder save|rename|render|checkout|  background)|Tests run|BUILD|ERROR' || true
echo "Load after the run: $(cat /proc/loadavg 2>/dev/null || echo unknown)"
cat plugin/target/plugin-scale-benchmark.txt
