# Runs chunks of the authors' analysis.Rmd on our exported result sheets and compares what they compute with the
# toolkit's own numbers for the same runs (the --numbers files of `easy2hard sheet export`).
#
#   Rscript scripts/authors-analysis.R ANALYSIS_RMD WORK_DIR MODEL RESAMPLES
#
# WORK_DIR holds data/ (the sheets, named as analysis.Rmd reads them), numbers/ (the toolkit's numbers) and plots/.
# The R code is read from ANALYSIS_RMD at run time and evaluated chunk by chunk; nothing of it is kept here. What is
# changed at run time, and why, is listed in `edits` below; everything else runs as the authors wrote it.
#
# Checks (the script stops with an error naming the first failure):
#  (a) no row dropped: every toolkit condition the chunk's own filter should keep is in the chunk's result (main
#      table, SGR table, learning curves, noisy labels), and postprocessing maps every method, measure and pool to a
#      name (no NA).
#  (b) equal numbers: accuracies equal the toolkit's test_acc (the mean over bootstraps of each bootstrap's accuracy)
#      to 1e-9 where R keeps them unrounded (main table), to R's own rounding where it rounds (SGR table: 3 decimals;
#      learning curves and noise: 100 x, 2 decimals); the SGR table's SGR equals the ratio of the rounded
#      accuracies to 1e-9; the interval chunk's accuracy intervals (bootstrapGRID) agree with ours to within
#      Monte Carlo noise; its SGR intervals (bootstrapBminusAoverCminusA, a slightly different estimator: see
#      below) agree where our guard reports an SGR, and are printed beside ours where it does not.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 4) stop("usage: authors-analysis.R ANALYSIS_RMD WORK_DIR MODEL RESAMPLES")
rmd_file <- normalizePath(args[1]); work <- normalizePath(args[2]); our_model <- args[3]
resamples <- as.integer(args[4])
setwd(work)
set.seed(0)

# Stand-ins for the two packages that only style plots: lemon's facet_rep_wrap (repeated axis labels) and extrafont's
# font registration.
library <- function(package, ...) {
  name <- as.character(substitute(package))
  if (name %in% c("lemon", "extrafont")) return(invisible(NULL))
  base::library(name, character.only = TRUE, ...)
}
loadfonts <- function(...) invisible(NULL)
facet_rep_wrap <- function(..., repeat.tick.labels = NULL) ggplot2::facet_wrap(...)

# The chunks, by name, from the Rmd.
lines <- readLines(rmd_file, warn = FALSE)
chunks <- list(); name <- NULL; body <- NULL
for (line in lines) {
  if (is.null(name) && grepl("^```\\{r", line)) {
    name <- trimws(sub(",.*$", "", sub("\\}.*$", "", sub("^```\\{r ?", "", line)))); body <- character()
  } else if (!is.null(name) && grepl("^```\\s*$", line)) {
    chunks[[name]] <- body; name <- NULL
  } else if (!is.null(name)) {
    body <- c(body, line)
  }
}

# Run-time edits, each for a stated reason; a pattern that is not found is an error (the Rmd changed).
edit <- function(code, from, to) {
  text <- paste(code, collapse = "\n")
  if (!grepl(from, text, fixed = TRUE)) stop("analysis.Rmd no longer contains: ", from)
  strsplit(gsub(from, to, text, fixed = TRUE), "\n")[[1]]
}
run_chunk <- function(chunk, code = chunks[[chunk]]) {
  if (is.null(code)) stop("analysis.Rmd has no chunk named '", chunk, "'")
  cat("== chunk:", chunk, "\n")
  output <- capture.output(eval(parse(text = code), envir = globalenv()))
  invisible(output)
}

run_chunk("setup")
run_chunk("load all datasets")
# The chunks select the authors' model by name (MODEL = "Llama-2-70b") and postprocessing keeps only their model
# names as factor levels: our one model stands in that slot.
for (frame in c("all_to_all_data", "boot_avg_data", "LC_data", "all_to_all_item_accs", "item_level_accs",
                "third_grade_to_college", "noise_data", "strategyQA_model_robustness")) {
  df <- get(frame)
  df$model[df$model == our_model] <- "Llama-2-70b"
  assign(frame, df)
}
loaded <- list(boot = nrow(boot_avg_data), all_to_all = nrow(all_to_all_data), lc = nrow(LC_data),
               noise = nrow(noise_data))
run_chunk("theme")
run_chunk("define globals")
run_chunk("postprocessing")
for (frame in c("all_to_all_data", "boot_avg_data", "LC_data", "noise_data", "third_grade_to_college",
                "strategyQA_model_robustness")) {
  df <- get(frame)
  for (column in c("probing_method_nice", "train_on_nice", "test_on_nice", "supervision")) {
    if (any(is.na(df[[column]]))) stop(frame, ": postprocessing left ", column, " NA in ", sum(is.na(df[[column]])), " rows")
  }
  measured <- df %>% filter(!is.na(hardness_var_name))
  if (any(is.na(measured$hardness_var_name_nice))) stop(frame, ": a measure has no display name")
}

numbers <- bind_rows(lapply(list.files("numbers", full.names = TRUE), function(f)
  read_csv(f, show_col_types = FALSE, col_types = cols(.default = "c")) %>% mutate(file = basename(f)))) %>%
  mutate(across(c(n_train, noise_labels_p, test_acc, unsupervised, easy, hard, sgr_raw, sgr_point, sgr_mean,
                  sgr_lower, sgr_upper), as.numeric),
         use_cot = use_cot == "True")
nice_data <- c(ai2_arc = "ARC", `mmlu_STEM-5` = "MMLU-STEM-5", `strategy-qa` = "StrategyQA", gsm8k_main = "GSM8k")
numbers <- numbers %>% mutate(dataname_nice = ifelse(dataname %in% names(nice_data), nice_data[dataname], dataname))
differences <- tibble(check = character(), largest = numeric(), tolerance = numeric())
record <- function(check, diff, tolerance) {
  largest <- if (length(diff) == 0) 0 else max(abs(diff))
  differences <<- add_row(differences, check = check, largest = largest, tolerance = tolerance)
  if (length(diff) > 0 && largest > tolerance) stop(check, ": largest difference ", largest, " > ", tolerance)
}

# ---- main table (ACC numbers: performance by method table)
run_chunk("ACC numbers: performance by method table")
ours <- numbers %>% filter(kind == "acc", grepl("all_to_all", file), test_on == "all", train_on == "all") %>%
  mutate(probing_method_nice = c(decoding = "ICL", learned = "Linear Probe", finetuned = "QLoRA")[probing_method],
         method_cot = paste(probing_method_nice, sprintf("CoT=%s", use_cot), sprintf("n=%s", n_train))) %>%
  group_by(dataname = dataname_nice, method_cot) %>% summarise(ours = mean(test_acc), .groups = "drop")
joined <- full_join(super_summary_table %>% ungroup(), ours, by = c("dataname", "method_cot"))
if (any(is.na(joined$acc)) || any(is.na(joined$ours))) { print(joined); stop("main table: a row is missing on one side") }
record("main table: accuracy", joined$acc - joined$ours, 1e-9)

# ---- SGR table (RQ1: gen_gap by method)
run_chunk("RQ1: gen_gap by method")
show <- c("High School vs. College", "Grade Level", "1/2/3 Difficulty", "Bloom Skill", "Num. Reasoning Steps")
measure_nice <- c(human_hardness = "HS vs. College", human_grade = "Grade Level", human_difficulty = "1/2/3 Difficulty",
                  human_bloom = "Bloom Skill", num_steps = "Reasoning Steps")
ours_sgr <- numbers %>% filter(kind == "sgr", grepl("get_population_table_models-3", file),
                               hardness_var_name %in% names(measure_nice), n_train %in% c(0, 8, 10, 160)) %>%
  mutate(group_var = paste(sub("MMLU-STEM-5", "MMLU", dataname_nice), measure_nice[hardness_var_name]),
         method = c(decoding = "ICL", learned = "Linear", finetuned = "QLoRA")[probing_method])
r_sgr <- SGR_table %>% mutate(group_var = as.character(group_var)) %>% rename(method = probing_method_nice)
joined <- left_join(ours_sgr, r_sgr, by = c("group_var", "method"))
# The chunk ends with na.omit(): a row whose SGR is not finite (E = U = H) is dropped by the authors' own code.
finite <- is.finite((round(joined$easy, 3) - round(joined$unsupervised, 3)) /
                    (round(joined$hard, 3) - round(joined$unsupervised, 3)))
missing <- joined %>% filter(finite & is.na(SGR))
if (nrow(missing) > 0) { print(missing); stop("SGR table: ", nrow(missing), " toolkit row(s) dropped by the chunk") }
kept <- joined %>% filter(!is.na(SGR))
record("SGR table: Unsupervised (3 decimals)", kept$Unsupervised - round(kept$unsupervised, 3), 1e-9)
record("SGR table: Easy (3 decimals)", kept$Easy - round(kept$easy, 3), 1e-9)
record("SGR table: Hard (3 decimals)", kept$Hard - round(kept$hard, 3), 1e-9)
record("SGR table: SGR vs ratio of the rounded accuracies", kept$SGR -
         (round(kept$easy, 3) - round(kept$unsupervised, 3)) / (round(kept$hard, 3) - round(kept$unsupervised, 3)), 1e-9)
differences <- add_row(differences, check = "SGR table: SGR vs toolkit sgr_raw (R rounds its inputs; informative)",
                       largest = if (nrow(kept) == 0) 0 else max(abs(kept$SGR - kept$sgr_raw)), tolerance = Inf)
cat("SGR table rows compared:", nrow(kept), "of", nrow(ours_sgr), "toolkit rows\n")

# ---- SGR intervals (bootstrap functions; RQ1 p-values for individual accs and SGR)
run_chunk("bootstrap functions")
present <- unique(ours_sgr$group_var)
present <- present[present %in% c("MMLU High School vs. College", "ARC Grade Level", "ARC 1/2/3 Difficulty",
                                  "ARC Bloom Skill", "StrategyQA Reasoning Steps", "GSM8k Reasoning Steps") |
                   present %in% c("MMLU HS vs. College")]
present <- sub("MMLU HS vs. College", "MMLU High School vs. College", present)
code <- chunks[["RQ1 p-values for individual accs and SGR"]]
# 100,000 resamples per statistic take R minutes per measure; both sides use the same count.
code <- edit(code, "bootTimes=100000", sprintf("bootTimes=%d", resamples))
# The chunk compares ICL ("decoding"); an encoder has the linear probe.
code <- edit(code, "PROBING_METHOD = 'decoding'", "PROBING_METHOD = 'learned'")
# Only the measures these runs have (GSM8k needs generation); the loop fails on an absent one.
code <- edit(code, 'group_vars <- c("MMLU High School vs. College", "ARC Grade Level", "ARC 1/2/3 Difficulty", "ARC Bloom Skill", "StrategyQA Reasoning Steps", "GSM8k Reasoning Steps")',
             sprintf("group_vars <- c(%s)", paste0('"', present, '"', collapse = ", ")))
# The authors cut StrategyQA's zero-shot rows to their first 427 (their sheet held the CoT and the non-CoT zero-shot
# runs; 427 is the full set's hard count); on a subsample that index runs past the end and adds NA rows.
code <- edit(code, "A <- A[1:427,]", "A <- A[seq_len(min(427, nrow(A))),]")
printed <- run_chunk("RQ1 p-values for individual accs and SGR", code)
writeLines(printed, "p-values-chunk.txt")
interval_rows <- list()
for (i in seq_along(printed)) {
  if (grepl('"SGR point value:"', printed[i], fixed = TRUE)) {
    group <- gsub('^\\[1\\] "|"$', "", printed[i - 1])
    point <- as.numeric(sub("^\\[1\\] ", "", printed[i + 1]))
    estimate <- regmatches(printed[i + 3], regexec("([-0-9.NaInf]+) \u00b1 ([-0-9.NaInf]+) \\(p = ([-0-9.NaInf]+)\\)", printed[i + 3]))[[1]]
    interval_rows[[length(interval_rows) + 1]] <- tibble(group_var = group, r_point = point,
      r_mean = as.numeric(estimate[2]), r_half = as.numeric(estimate[3]), r_p = as.numeric(estimate[4]))
  }
}
r_intervals <- bind_rows(interval_rows)
ours_int <- ours_sgr %>% filter(probing_method == "learned") %>%
  mutate(group_var = sub("MMLU HS vs. College", "MMLU High School vs. College", group_var),
         our_half = (sgr_upper - sgr_lower) / 2)
intervals <- left_join(r_intervals, ours_int %>% select(group_var, sgr_point, sgr_mean, our_half, sgr_status),
                       by = "group_var")
print(as.data.frame(intervals))
if (nrow(intervals) != length(present)) stop("SGR intervals: ", nrow(intervals), " of ", length(present), " measures printed")
# The accuracy intervals the chunk prints (bootstrapGRID of each condition's hard items) are the same estimator
# as ours, resampled by another generator: bootstrap mean and half-width must agree to within Monte Carlo noise. At
# 2,000 resamples a 2.5% quantile of a grid of ~100 items moves by several percent between generators, so: 0.15
# half-widths for the mean, 20% for the half-width (observed: 0.03 and 0.11 at 2,000).
acc_rows <- list(); group <- NA
for (i in seq_len(length(printed) - 1)) {
  text <- gsub('^\\[1\\] "|"$', "", printed[i])
  if (text %in% present) group <- text
  if (text %in% c("Unsupervised", "Easy", "Hard") && grepl("\u00b1", printed[i + 1])) {
    m <- regmatches(printed[i + 1], regexec("([-0-9.]+) \u00b1 ([-0-9.]+)", printed[i + 1]))[[1]]
    acc_rows[[length(acc_rows) + 1]] <- tibble(group_var = group, supervision = text,
                                               r_mean = as.numeric(m[2]), r_half = as.numeric(m[3]))
  }
}
r_acc <- bind_rows(acc_rows) %>% distinct()
ours_acc <- numbers %>% filter(kind == "acc", grepl("get_population_table_models-3", file), test_on == "hard",
                               probing_method == "learned" | n_train == 0, n_train %in% c(0, 8, 10, 160),
                               hardness_var_name %in% names(measure_nice)) %>%
  mutate(group_var = sub("MMLU HS vs. College", "MMLU High School vs. College",
                         paste(sub("MMLU-STEM-5", "MMLU", dataname_nice), measure_nice[hardness_var_name])),
         supervision = ifelse(n_train == 0, "Unsupervised", c(easy = "Easy", medium = "Medium", hard = "Hard")[train_on]),
         our_mean = 100 * as.numeric(boot_mean), our_half = 100 * as.numeric(boot_half_width)) %>%
  select(group_var, supervision, our_mean, our_half)
acc_joined <- inner_join(r_acc, ours_acc, by = c("group_var", "supervision"))
if (nrow(acc_joined) != nrow(r_acc) || nrow(r_acc) < 3 * length(present)) {
  print(r_acc); stop("accuracy intervals: ", nrow(r_acc), " printed, ", nrow(acc_joined), " matched")
}
record("accuracy interval: bootstrap mean, in units of half-width",
       (acc_joined$r_mean - acc_joined$our_mean) / pmax(acc_joined$our_half, 0.01), 0.15)
record("accuracy interval: half-width ratio - 1", (acc_joined$r_half - acc_joined$our_half) / pmax(acc_joined$our_half, 0.01),
       0.2)
# The SGR intervals: where our guard leaves the SGR undefined the ratio's denominator straddles 0, its bootstrap
# distribution has no finite moments and two resamplings disagree by much: reported only. Where it is defined they
# must agree as above (0.25 half-widths, 20%; the two estimators differ slightly, see the report).
defined <- is.finite(intervals$r_mean) & is.finite(intervals$sgr_mean) & intervals$sgr_status == "DEFINED"
undefined <- is.finite(intervals$r_mean) & is.finite(intervals$sgr_mean) & !defined
record("SGR interval (guard: defined): bootstrap mean, in half-widths",
       ((intervals$r_mean - intervals$sgr_mean) / pmax(intervals$r_half, 1e-12))[defined], 0.25)
record("SGR interval (guard: defined): half-width ratio - 1",
       (intervals$r_half / pmax(intervals$our_half, 1e-12) - 1)[defined], 0.2)
differences <- add_row(differences, check = sprintf("SGR interval (guard: undefined, %d; informative): mean, in half-widths",
                                                    sum(undefined)),
                       largest = if (any(undefined)) max(abs((intervals$r_mean - intervals$sgr_mean) /
                                                             pmax(intervals$r_half, 1e-12))[undefined]) else 0,
                       tolerance = Inf)

# ---- learning curves (COST LEARNING CURVES with grid.arrange)
run_chunk("COST LEARNING CURVES with grid.arrange")
lc_ours <- numbers %>% filter(kind == "acc", grepl("LC-1", file), test_on == "hard", train_on %in% c("easy", "hard"),
                              hardness_var_name %in% c("human_grade", "human_difficulty", "human_bloom", "human_hardness", "num_steps"),
                              probing_method == "learned")
if (nrow(plot_data) != nrow(lc_ours)) stop("learning curves: the chunk kept ", nrow(plot_data), " rows of ", nrow(lc_ours))
lc_r <- plot_data %>% ungroup() %>% arrange(group_var, as.character(train_on_nice), n_train)
lc_ours <- lc_ours %>% mutate(group_var = paste(sub("MMLU-STEM-5", "MMLU", dataname_nice),
    c(human_grade = "Grade Level", human_difficulty = "ARC 1/2/3 Difficulty", human_bloom = "Bloom Skill",
      human_hardness = "High School vs. College", num_steps = "Reasoning Steps")[hardness_var_name]),
    group_var = sub("ARC ARC", "ARC", group_var),
    train_on_nice = c(easy = "Easy", hard = "Hard")[train_on]) %>% arrange(group_var, train_on_nice, n_train)
record("learning curves: 100 x accuracy (2 decimals)", lc_r$test_acc_100 - round(100 * lc_ours$test_acc, 2), 1e-9)

# ---- noisy labels (NOISED LABELS PLOT)
run_chunk("NOISED LABELS PLOT")
noise_ours <- numbers %>% filter(kind == "acc", grepl("noisy_labels", file), test_on == "hard",
                                 train_on %in% c("easy", "hard"), n_train > 0)
if (nrow(plot_data) != nrow(noise_ours)) stop("noisy labels: the chunk kept ", nrow(plot_data), " rows of ", nrow(noise_ours))
noise_r <- plot_data %>% ungroup() %>% arrange(train_on, noise_labels_p)
noise_ours <- noise_ours %>% mutate(plotted_p = ifelse(train_on == "hard", noise_labels_p / 2, noise_labels_p)) %>%
  arrange(train_on, plotted_p)
record("noisy labels: plotted p", as.numeric(noise_r$noise_labels_p) - noise_ours$plotted_p, 1e-12)
record("noisy labels: 100 x accuracy (2 decimals)", noise_r$test_acc_100 - round(100 * noise_ours$test_acc, 2), 1e-9)

cat("\nrows loaded: population", loaded$boot, "| all-to-all", loaded$all_to_all, "| learning curves", loaded$lc,
    "| noisy labels", loaded$noise, "\n")
print(as.data.frame(differences), row.names = FALSE)
write_csv(differences, "differences.csv")
cat("authors-analysis: every check passed\n")
