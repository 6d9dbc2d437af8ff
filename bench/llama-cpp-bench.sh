#!/usr/bin/env bash
# LlamaModel against llama.cpp (java-llama.cpp 4.2.0, CPU) on the same F32 random weights of SmolLM2-135M's shape
# with Llama-2's 32,000-token vocabulary (needs ../shared/tokenizers), same thread count (THREADS, default 2): prompt
# scoring and single-stream greedy generation tokens/s and their ratios, medians of 3 rounds after a warm-up.
#
#   bench/llama-cpp-bench.sh                      # ~2 min on 2 idle cores
#   THREADS=4 bench/llama-cpp-bench.sh --rounds 5
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-$PWD/target}"
MAIN=org.easy2hard.model.llama.bench.LlamaCppBench MODEL_DIR="$BUILD_DIR/llama-cpp-bench-model" \
  exec bench/llama-bench.sh "$@"
