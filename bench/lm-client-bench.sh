#!/usr/bin/env bash
# Benchmark of the OpenAI-compatible client (issue 6) against the loopback bigram server, which runs in its own JVM
# so that the client's CPU time is measured alone: requests/s with 64 in flight (scoring with short and ~600-token
# prompts, generation), the same with 1 in flight, client and server CPU per request, the share of JSON parsing, the
# request cache cold and warm, peak heap and resident memory; ratios at the end.
#
#   bench/lm-client-bench.sh                          # 20,000 short scoring requests (and the other phases scaled)
#   bench/lm-client-bench.sh --requests 4000          # a quicker run
#   bench/lm-client-bench.sh --in-flight 16
#
# BUILD_DIR overrides the build directory (default: target/ of this checkout); the benchmark's request cache is
# $BUILD_DIR/lm-client-bench-cache, emptied at the start of every run. Only 127.0.0.1 is contacted.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-$PWD/target}"
MAIN="${MAIN:-org.easy2hard.model.openai.bench.LmClientBench}"

# Nothing here loads DJL, but every JVM of the toolkit runs offline.
export OPT_OUT_TRACKING=true

mvn -B -q test-compile -Dbuild.dir="$BUILD_DIR"
mvn -B -q dependency:build-classpath -Dbuild.dir="$BUILD_DIR" -Dmdep.outputFile="$BUILD_DIR/test-classpath.txt"
CLASSPATH="$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(cat "$BUILD_DIR/test-classpath.txt")"

exec java -Dai.djl.offline=true -cp "$CLASSPATH" "$MAIN" --cache "$BUILD_DIR/lm-client-bench-cache" "$@"
