#!/usr/bin/env bash
# Device check (issue 15): on a machine with one GPU and no network, in well under 5 minutes, builds random weights of
# Llama-2-7B's shape directly on the GPU in float16 (no download), prints scoring and greedy-generation tokens/s,
# one LoRA update's time and the device memory in use, then compares a tiny model's log-probabilities on the GPU
# (float32 and float16) with float32 on the CPU; exits non-zero on any mismatch (or after 300 s).
#
#   bench/gpu-check.sh                       # the GPU check: the CUDA build (mvn -Pcuda; its 2.46 GB libtorch jar
#                                            # must already be in ~/.m2, or PYTORCH_LIBRARY_PATH must name a CUDA
#                                            # libtorch that pairs with the CPU build: see README "On a GPU")
#   bench/gpu-check.sh --dry-run             # the same code on the CPU with a small shape (CI, ~30 s)
#   bench/gpu-check.sh --stage DIR           # copy the classes and the few jars the check needs (no libtorch, ~25 MB)
#                                            # into DIR, for a GPU machine without Maven or network
#   bench/gpu-check.sh --staged DIR [ARGS]   # run from such a DIR (libtorch from PYTORCH_LIBRARY_PATH)
#
# Further arguments go to the check: --shape 7b|13b|small, --dtype float16|float32, --rows N, --tokens N,
# --new-tokens N, --device gpu|cpu. BUILD_DIR overrides the build directory; MVN_FLAGS adds Maven flags (e.g. -o).
set -euo pipefail
cd "$(dirname "$0")/.."
export OPT_OUT_TRACKING=true
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
MAIN=org.easy2hard.model.llama.GpuCheck
mode=gpu
staged=""
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dry-run) mode=dry; shift ;;
    --stage) mode=stage; staged="${2:?--stage needs a directory}"; shift 2 ;;
    --staged) mode=staged; staged="${2:?--staged needs a directory}"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done

build_classpath() { # $1: build directory, rest: Maven flags; prints the test class path
  local dir="$1"; shift
  mvn -B -q ${MVN_FLAGS:-} "$@" -Dbuild.dir="$dir" test-compile >&2
  mvn -B -q ${MVN_FLAGS:-} "$@" -Dbuild.dir="$dir" dependency:build-classpath \
    -Dmdep.outputFile="$dir/gpu-check-classpath.txt" >&2
  printf '%s' "$dir/test-classes:$dir/classes:$(cat "$dir/gpu-check-classpath.txt")"
}

case "$mode" in
  dry)
    dir="${BUILD_DIR:-$PWD/target}"
    cp="$(build_classpath "$dir")"
    set -- --device cpu --shape small --dtype float16 --rows 4 --tokens 64 --new-tokens 8 ${args[@]+"${args[@]}"}
    ;;
  gpu)
    if [[ -n "${PYTORCH_LIBRARY_PATH:-}" ]]; then
      dir="${BUILD_DIR:-$PWD/target}"; cp="$(build_classpath "$dir")"
    else
      dir="${BUILD_DIR:-$PWD/target/cuda}"; cp="$(build_classpath "$dir" -Pcuda)"
    fi
    set -- ${args[@]+"${args[@]}"}
    ;;
  stage)
    dir="${BUILD_DIR:-$PWD/target}"
    cp="$(build_classpath "$dir")"
    mkdir -p "$staged/lib"
    cp -r "$dir/classes" "$dir/test-classes" "$staged/"
    IFS=: read -r -a jars <<< "$(cat "$dir/gpu-check-classpath.txt")"
    for jar in "${jars[@]}"; do
      case "$(basename "$jar")" in
        api-*|pytorch-engine-*|pytorch-jni-*|jackson-*|slf4j-*|gson-*|jna-*|commons-compress-*|commons-io-*|\
        commons-lang3-*|commons-codec-*|junit-*|opentest4j-*|apiguardian-*) cp "$jar" "$staged/lib/" ;;
      esac
    done
    du -sh "$staged"
    echo "staged: run bench/gpu-check.sh --staged $staged on the GPU machine" >&2
    exit 0
    ;;
  staged)
    cp="$staged/test-classes:$staged/classes:$staged/lib/*"
    set -- ${args[@]+"${args[@]}"}
    ;;
esac

djl_cache="${DJL_CACHE_DIR:-${dir:-$staged}/djl-cache}"
exec timeout 300 java -Xmx4g -Dai.djl.offline=true -DDJL_CACHE_DIR="$djl_cache" -cp "$cp" "$MAIN" "$@"
