#!/usr/bin/env bash
# Acceptance test of the result sheets: runs every experiment driver on a subsample with the bundled MiniLM encoder,
# exports the runs as the authors' result sheets under the file names their analysis.Rmd reads, runs the chunks of
# analysis.Rmd that compute the main table, the SGR table (with its bootstrap intervals) and the learning-curve and
# noisy-label summaries, and compares what R computed with the numbers the toolkit computed from the same runs
# (scripts/authors-analysis.R says what is compared and how closely). Exits non-zero when a row is dropped or a
# number differs.
#
#   scripts/authors-analysis.sh [--every N] [--resamples N] [--out DIR] [--resume]
#
# --resume keeps the run directories of an earlier call (the drivers then read their finished units back).
#
# Needs R with tidyverse, gridExtra and reshape2; installs them from Debian (apt-get) when missing and apt-get is
# usable. The authors' files are read from ../shared/reference/authors (EASY2HARD_AUTHORS_DIR overrides) and are never
# copied into the project: the R code is extracted from analysis.Rmd at run time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"
every=4
resamples=2000
out="$root/target/authors-analysis"
resume=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --every) every="$2"; shift 2 ;;
    --resamples) resamples="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --resume) resume=true; shift ;;
    *) echo "authors-analysis: unknown option $1" >&2; exit 2 ;;
  esac
done
authors="${EASY2HARD_AUTHORS_DIR:-$root/../shared/reference/authors}"
rmd="$authors/analysis.Rmd"
[[ -f "$rmd" ]] || { echo "authors-analysis: $rmd is missing (set EASY2HARD_AUTHORS_DIR)" >&2; exit 1; }
export EASY2HARD_DATA_DIR="${EASY2HARD_DATA_DIR:-$root/../shared/datasets}"
export EASY2HARD_CACHE_DIR="${EASY2HARD_CACHE_DIR:-$root/target/ci-cache}"

r_ready() { command -v Rscript >/dev/null && Rscript -e 'suppressMessages({library(tidyverse); library(gridExtra); library(reshape2)})' >/dev/null 2>&1; }
if ! r_ready; then
  echo "authors-analysis: installing R from Debian" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq r-base-core r-cran-tidyverse \
    r-cran-gridextra r-cran-reshape2
  r_ready || { echo "authors-analysis: R with tidyverse, gridExtra and reshape2 is not available" >&2; exit 1; }
fi

if [[ "$resume" == true ]]; then rm -rf "$out/data" "$out/numbers" "$out/plots"; else rm -rf "$out"; fi
mkdir -p "$out/runs" "$out/data" "$out/plots" "$out/numbers"
log="$out/drivers.log"
# Progress bars and tables go to the log; the last lines of it are shown if a command fails.
e2h() { "$root/bin/easy2hard" "$@" >>"$log" 2>&1 || { tail -20 "$log" >&2; echo "authors-analysis: failed: easy2hard $*" >&2; return 1; }; }
model=all-MiniLM-L6-v2-q
common=(--models "$model" --every "$every" --bootstraps 2 --resamples "$resamples")
runs="$out/runs"

# Every driver, small: MiniLM, every 4th item, 2 draws.
for ds in arc mmlu strategyqa; do
  e2h all-to-all --dataset "$ds" "${common[@]}" --out "$runs/all-to-all-$ds"
  e2h population --dataset "$ds" "${common[@]}" --train-size 10 --out "$runs/population-$ds"
done
for spec in arc:human_grade arc:human_difficulty arc:human_bloom mmlu:human_hardness strategyqa:num_steps; do
  e2h learning-curves --dataset "${spec%%:*}" --measure "${spec#*:}" --sizes 10,20,40 "${common[@]}" \
    --out "$runs/learning-curves-${spec%%:*}-${spec#*:}"
done
e2h noisy-labels --dataset mmlu "${common[@]}" --train-size 40 --out "$runs/noisy-labels-mmlu"
e2h third-grade-to-college "${common[@]}" --train-size 10 --out "$runs/third-grade-to-college"
e2h scale-and-gap --dataset strategyqa "${common[@]}" --train-size 10 --out "$runs/scale-and-gap-strategyqa"

# The sheets, under the names analysis.Rmd reads; --numbers: the toolkit's own numbers for the same runs.
export_sheet() { # NAME RUN_DIR... : data/NAME.csv, data/item_level_accs_NAME.csv, numbers/NAME.csv
  local name="$1"; shift
  e2h sheet export "$@" --resamples "$resamples" --out "$out/data/$name.csv" \
    --item-level "$out/data/item_level_accs_$name.csv" --numbers "$out/numbers/$name.csv"
}
declare -A paper=([arc]=ai2_arc [mmlu]=mmlu_STEM-5 [strategyqa]=strategy-qa)
for ds in arc mmlu strategyqa; do
  export_sheet "${paper[$ds]}_all_to_all_table_models-1_LC-0_prompts-1_boots-5" "$runs/all-to-all-$ds"
  export_sheet "${paper[$ds]}_get_population_table_models-3_LC-0_prompts-1_boots-5" "$runs/population-$ds"
done
export_sheet ai2_arc_get_population_table_models-1_LC-1_prompts-1_boots-10 "$runs"/learning-curves-arc-*
export_sheet mmlu_STEM-5_get_population_table_models-1_LC-1_prompts-1_boots-10 "$runs/learning-curves-mmlu-human_hardness"
export_sheet strategy-qa_get_population_table_models-1_LC-1_prompts-1_boots-5 "$runs/learning-curves-strategyqa-num_steps"
export_sheet mmlu_STEM-5_noisy_labels_table_models-1_prompts-1_boots-5 "$runs/noisy-labels-mmlu"
export_sheet third_grade_to_college_models-4_LC-0_prompts-1_boots-5 "$runs/third-grade-to-college"
export_sheet strategy-qa_get_population_table_models-4_LC-0_prompts-1_boots-5 "$runs/scale-and-gap-strategyqa"
# Files the load chunk reads that no encoder run can fill (GSM8k needs generation; the k = 4 robustness run needs
# prompting): the header alone, so the chunk loads them as empty tables.
for name in gsm8k_main_all_to_all_table_models-1_LC-0_prompts-1_boots-5 \
    gsm8k_main_get_population_table_models-3_LC-0_prompts-1_boots-5 \
    strategy-qa_get_population_table_models-3_LC-0_prompts-1_boots-5_k=4; do
  head -1 "$out/data/ai2_arc_get_population_table_models-3_LC-0_prompts-1_boots-5.csv" > "$out/data/$name.csv"
done
for name in gsm8k_main_all_to_all_table_models-1_LC-0_prompts-1_boots-5 \
    gsm8k_main_get_population_table_models-3_LC-0_prompts-1_boots-5; do
  head -1 "$out/data/item_level_accs_ai2_arc_get_population_table_models-3_LC-0_prompts-1_boots-5.csv" \
    > "$out/data/item_level_accs_$name.csv"
done

Rscript "$root/scripts/authors-analysis.R" "$rmd" "$out" "$model" "$resamples"
