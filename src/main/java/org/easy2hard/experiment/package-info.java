/**
 * The experiment engine: the paper's samplers and train pools, the one loop every run goes through
 * ({@link org.easy2hard.experiment.RunEngine}: fit and evaluate a method per planned unit, save each unit as it
 * finishes, read finished units back on resume), the one manifest schema ({@link org.easy2hard.experiment.RunManifest}:
 * configuration, cutoffs, plan and provenance, for studies and drivers alike; legacy study manifests are migrated on
 * reading), the run directory (item-level records, resume after a crash, run lock, integrity checks), the result of
 * a run ({@link org.easy2hard.experiment.RunResult}, with named unit accessors) and run summaries (Unsupervised / Easy
 * / Hard accuracy with intervals, SGR).
 *
 * <p>Studies plan the units of one dataset, measure and model and run them through the engine:
 * {@link org.easy2hard.experiment.ExperimentRunner}, the study planner (spec, data and a pair of methods → planned
 * units and manifest), which the three studies call:
 * {@link org.easy2hard.experiment.EncoderStudy} for an encoder (probe and similarity baseline),
 * {@link org.easy2hard.experiment.LanguageModelStudy} for a causal language model (zero-shot prompting as the
 * unsupervised arm, in-context learning with or without chain of thought as the supervised one) and
 * {@link org.easy2hard.experiment.FineTuningStudy} for LoRA fine-tuning of an in-JVM causal LM. A study's data is one
 * {@link org.easy2hard.experiment.StudyData} (a paper dataset from a store, or data given loaded). Every study's and
 * driver's builder extends {@link org.easy2hard.experiment.RunBuilder} (seed, training size and draws) and, as the
 * planner's and the engine's builders do, {@link org.easy2hard.experiment.RunOptions} (run directory, progress,
 * listener); {@link org.easy2hard.experiment.RunDefaults} holds the defaults (160 / 5 / 10,000) and the default
 * run-directory name.
 *
 * <p>Sub-packages: {@code experiment.driver} holds the paper's experiment drivers (each plans its units and runs them
 * through this engine with {@link org.easy2hard.experiment.DriverBuilder#execute}); {@code experiment.sheet} reads and
 * writes the paper's result sheets. Neither is known here.
 *
 * <p>Uses {@code method}, {@code model}, {@code hardness}, {@code data} and {@code stats}; knows nothing of notebooks
 * or the command line.
 */
package org.easy2hard.experiment;
