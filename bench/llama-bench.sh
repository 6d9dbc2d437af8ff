#!/usr/bin/env bash
# Benchmark of the in-JVM Llama backend (issue 8): scoring tokens/s and generation tokens/s of a random-weight
# model with SmolLM2-135M's shape (30 layers, hidden 576, 9 heads / 3 KV heads, intermediate 1536, vocabulary
# 49,152, tied head; 134.5 M parameters, written once as 513 MB of F32 safetensors to $BUILD_DIR/llama-bench-model),
# the peak resident memory of the benchmarking JVM, and what the engine reaches on a plain matmul and a streaming sum
# (the ratios say how close scoring and generation come to those bounds).
#
#   bench/llama-bench.sh                                   # defaults: 16 requests x ~256 tokens, batch 8; 4 items x 4
#                                                          # options; 4 prompts x 32 new tokens (~2 min on 2 cores)
#   bench/llama-bench.sh --requests 8 --rounds 1           # quicker
#   bench/llama-bench.sh --model /path/to/SmolLM2-135M     # any local Llama-family model directory
#
# THREADS sets PyTorch's intra-op threads (default 2, the build machines' cores). GPU: the PyTorch engine runs on
# its default device, so the same script measures a GPU when DJL loads a CUDA libtorch, e.g. with
# PYTORCH_LIBRARY_PATH=<torch/lib of a CUDA 2.7.1 build> PYTORCH_FLAVOR=cu128 in the environment (the pom bundles
# only the CPU libtorch). BUILD_DIR overrides the build directory (default: target/ of this checkout).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-$PWD/target}"
MAIN="${MAIN:-org.easy2hard.model.llama.bench.LlamaBench}"
THREADS="${THREADS:-2}"
# On a shared, oversubscribed CPU, OpenMP threads spinning at barriers cost far more than they save (measured here:
# 2 threads scored 10 tokens/s spinning, 235 passive); PASSIVE makes waiting threads sleep.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"

# DJL phones home at first use unless told it is offline: both must be in effect before any DJL class loads.
export OPT_OUT_TRACKING=true

mvn -B -q test-compile -Dbuild.dir="$BUILD_DIR"
mvn -B -q dependency:build-classpath -Dbuild.dir="$BUILD_DIR" -Dmdep.outputFile="$BUILD_DIR/test-classpath.txt"
CLASSPATH="$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(cat "$BUILD_DIR/test-classpath.txt")"
JAVA_FLAGS=(-Dai.djl.offline=true
  -DDJL_CACHE_DIR="${DJL_CACHE_DIR:-$BUILD_DIR/djl-cache}"
  -Deasy2hard.cache.dir="${EASY2HARD_CACHE_DIR:-$BUILD_DIR/llama-bench-cache}"
  -Dai.djl.pytorch.num_threads="$THREADS" -Dai.djl.pytorch.num_interop_threads=1
  -Dde.kherud.llama.tmpdir="$BUILD_DIR/jllama")

mkdir -p "$BUILD_DIR/jllama"
MODEL="${MODEL_DIR:-$BUILD_DIR/llama-bench-model}"
for ((i = 1; i <= $#; i++)); do
  if [[ "${!i}" == --model ]]; then MODEL=""; fi
done
if [[ -n "$MODEL" ]]; then
  # A separate JVM writes the model, so that its heap does not count in the benchmark's peak memory.
  java -Xmx3g "${JAVA_FLAGS[@]}" -cp "$CLASSPATH" "$MAIN" --write-model "$MODEL"
  set -- --model "$MODEL" "$@"
fi
exec java -Xmx1g "${JAVA_FLAGS[@]}" -cp "$CLASSPATH" "$MAIN" "$@"
