#!/usr/bin/env bash
# Benchmark of LoRA fine-tuning (issue 9): training tokens/s and peak resident memory for the paper's adapters
# (r 16, alpha 32, dropout 0.1 on q_proj and v_proj) on a random-weight model with SmolLM2-135M's shape (30 layers,
# hidden 576, 9 heads / 3 KV heads, intermediate 1536, vocabulary 49,152, tied head), generated once into
# $BUILD_DIR/llama-bench-model (shared with bench/llama-bench.sh, whose set-up this script reuses: build, class path,
# DJL offline flags, THREADS, model generation in a separate JVM).
#
#   bench/lora-bench.sh                                  # defaults: 8 items x 4 options x ~104 tokens, batch 4, 2 updates
#   bench/lora-bench.sh --updates 4 --context 200        # longer
#   bench/lora-bench.sh --budget-mb 16000                # a larger micro-batch memory budget (e.g. on a GPU)
#   bench/lora-bench.sh --model /path/to/SmolLM2-135M    # any local Llama-family model directory
#
# THREADS sets PyTorch's intra-op threads (default 2). GPU: the PyTorch engine runs on its default device, so the
# same script measures a GPU when DJL loads a CUDA libtorch, e.g. with PYTORCH_LIBRARY_PATH=<torch/lib of a CUDA
# 2.7.1 build> PYTORCH_FLAVOR=cu128 in the environment (the pom bundles only the CPU libtorch).
set -euo pipefail
cd "$(dirname "$0")/.."
MAIN=org.easy2hard.method.bench.LoraBench exec bench/llama-bench.sh "$@"
