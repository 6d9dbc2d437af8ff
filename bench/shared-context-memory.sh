#!/usr/bin/env bash
# Peak resident memory of scoring many requests that share one context on the in-JVM Llama backend: every ARC
# question after the same "Question:" prefix, as the memorisation measure (Min-K% Prob) asks. The requests go through
# the shared-context path (the prefix passes once into a key/value cache, the continuations in chunks over copies of
# it); each chunk's logits live in a scope of their own, so the peak stays flat in the number of requests. Before that
# fix the same command peaked at 14.8 GB (2,348 requests, tiny 2-layer model, vocabulary 32,000) and the notebook's
# kernel was killed in CI's 1.5 GB cgroup; after it, 0.7 GB.
#
#   bench/shared-context-memory.sh                 # ARC every 3rd item (1,174 questions, 2,348 requests), ~30 s
#   EVERY=1 bench/shared-context-memory.sh         # all 3,522 questions
#
# Needs ../shared/datasets and ../shared/tokenizers/llama-2 (the tiny model is generated from the test classes).
set -euo pipefail
cd "$(dirname "$0")/.."
EVERY="${EVERY:-3}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}" OPT_OUT_TRACKING=true
mvn -B -q -o package -DskipTests
mvn -B -q -o test-compile
model="target/bench-causal-model"
[[ -d "$model" ]] || java -cp "target/test-classes:target/classes:target/lib/*" \
  org.easy2hard.model.llama.TinyCausalModel "$model" ../shared/tokenizers/llama-2
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
/usr/bin/time -v java -Xmx1g -Dai.djl.offline=true -cp "target/easy2hard.jar:target/lib/*" org.easy2hard.cli.Main \
  -d ../shared/datasets contamination --dataset arc --lm "$model" --every "$EVERY" --train-size 40 --bootstraps 2 \
  --models all-MiniLM-L6-v2-q --out "$out/run" > "$out/stdout" 2> "$out/stderr"
grep -o "scoring [0-9]* requests[^:]*: largest batch [^:]*" "$out/stderr" | tail -1
peak_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/stderr")
echo "shared-context scoring: peak resident memory $((peak_kb / 1024)) MiB (JVM heap capped at 1 GiB)"
