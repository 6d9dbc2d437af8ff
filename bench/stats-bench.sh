#!/usr/bin/env bash
# Benchmark of org.easy2hard.stats (issue 3): 10,000 grid-bootstrap resamples of a 3,500 x 5 grid, against the
# one-second budget and against a naive implementation measured in the same run.
#
#   bench/stats-bench.sh                      # the benchmark
#   bench/stats-bench.sh 3500 5 15            # rows, columns, repetitions
#   MAIN=org.easy2hard.stats.SgrWorkedExample bench/stats-bench.sh   # any main class from the test sources
#
# BUILD_DIR overrides the build directory (default: target/ of this checkout). The JVM is pinned to one CPU with
# taskset when available (NO_PIN=1 to skip), so the number is a one-core number, JIT threads included.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-$PWD/target}"
MAIN="${MAIN:-org.easy2hard.stats.bench.GridBootstrapBench}"

mvn -B -q test-compile -Dbuild.dir="$BUILD_DIR"
mvn -B -q dependency:build-classpath -Dbuild.dir="$BUILD_DIR" -Dmdep.outputFile="$BUILD_DIR/test-classpath.txt"
CLASSPATH="$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(cat "$BUILD_DIR/test-classpath.txt")"

PIN=()
if [[ -z "${NO_PIN:-}" ]] && command -v taskset >/dev/null; then
  PIN=(taskset -c 0)
fi
exec "${PIN[@]}" java -cp "$CLASSPATH" "$MAIN" "$@"
