#!/usr/bin/env bash
# Checks, at package time, that the launcher works from any directory with Java from JAVA_HOME and from the PATH,
# and writes the same report, byte for byte, as `java -jar` (exit code 1: the example home uses app passwords).
# Usage: launcher-check.sh LAUNCHER JAR JENKINS_HOME OUTPUT_DIR JAVA_HOME
set -u
launcher="$1" jar="$2" home="$3" out="$4" java_home="$5"
cd /
JAVA_HOME="$java_home" "$launcher" scan "$home" --format json --as-of 2026-08-01 >"$out/launcher-java-home.json"
a=$?
env -u JAVA_HOME PATH="$java_home/bin:/usr/bin:/bin" "$launcher" scan "$home" --format json --as-of 2026-08-01 \
  >"$out/launcher-path.json"
b=$?
"$java_home/bin/java" -jar "$jar" scan "$home" --format json --as-of 2026-08-01 >"$out/java-jar.json"
c=$?
if [ "$a$b$c" != 111 ] || ! cmp -s "$out/java-jar.json" "$out/launcher-java-home.json" \
  || ! cmp -s "$out/java-jar.json" "$out/launcher-path.json"; then
  echo "launcher check failed: exit codes $a (JAVA_HOME), $b (PATH), $c (java -jar), expected 1 each, and the same" \
    "report; see $out" >&2
  exit 1
fi
rm -f "$out/launcher-java-home.json" "$out/launcher-path.json" "$out/java-jar.json"
echo "launcher check: same report from any directory, with JAVA_HOME and with PATH, as java -jar"
