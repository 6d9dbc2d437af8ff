#!/usr/bin/env bash
# Benchmark of the encoder path (issue 4), in one JVM on the same texts: features/s of the toolkit's OnnxEncoder
# (DJL's ONNX Runtime engine) against ONNX Runtime's Java API called directly (target ratio >= 0.9); extraction time
# for the whole ARC probing set's probe texts (3,521 items x 4 options) with the default encoder (bge-small-en-v1.5,
# middle + last layer); a fully cached rerun's wall time (target < 15 s); peak memory (target < 2 GB).
#
#   bench/encoder-bench.sh                       # the full benchmark (several minutes on 2 cores)
#   bench/encoder-bench.sh --limit 500           # a quick check on the first 500 probe texts
#   bench/encoder-bench.sh --model minilm-q --compare 200 --rounds 3 --threads 2
#
# BUILD_DIR overrides the build directory (default: target/ of this checkout). Model copies, edited graphs and the
# benchmark's feature cache go to $EASY2HARD_CACHE_DIR (default: $BUILD_DIR/encoder-bench-cache); the benchmark's
# features directory is emptied at the start of every run. Datasets: -Deasy2hard.data.dir via EASY2HARD_DATA_DIR
# (default ../shared/datasets).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-$PWD/target}"
MAIN="${MAIN:-org.easy2hard.model.bench.EncoderBench}"

# DJL phones home at first use unless told it is offline: both must be in effect before any DJL class loads.
export OPT_OUT_TRACKING=true

mvn -B -q test-compile -Dbuild.dir="$BUILD_DIR"
mvn -B -q dependency:build-classpath -Dbuild.dir="$BUILD_DIR" -Dmdep.outputFile="$BUILD_DIR/test-classpath.txt"
CLASSPATH="$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(cat "$BUILD_DIR/test-classpath.txt")"

exec java -Dai.djl.offline=true \
  -DDJL_CACHE_DIR="${DJL_CACHE_DIR:-$BUILD_DIR/djl-cache}" \
  -Deasy2hard.cache.dir="${EASY2HARD_CACHE_DIR:-$BUILD_DIR/encoder-bench-cache}" \
  -Deasy2hard.data.dir="${EASY2HARD_DATA_DIR:-../shared/datasets}" \
  -cp "$CLASSPATH" "$MAIN" "$@"
