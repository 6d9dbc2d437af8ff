package org.easy2hard.experiment.driver;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.Item;
import org.easy2hard.experiment.Draws;
import org.easy2hard.experiment.DriverBuilder;
import org.easy2hard.experiment.DriverResult;
import org.easy2hard.experiment.ModelArms;
import org.easy2hard.experiment.PlannedUnit;
import org.easy2hard.experiment.Seeds;
import org.easy2hard.experiment.StratifiedSampler;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.hardness.Cutoffs;
import org.easy2hard.hardness.HardnessMeasure;
import org.easy2hard.hardness.Stratifier;
import org.easy2hard.method.MultipleChoiceMethod;
import org.easy2hard.stats.AccuracyResult;
import org.easy2hard.stats.Condition;
import org.easy2hard.stats.GridBootstrap;
import org.easy2hard.stats.ItemGrid;
import org.easy2hard.stats.ItemResult;
import org.easy2hard.stats.SgrResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * The hardness window (issue 18, the review's "how far can the train–test gap be widened?"): train on a window of a
 * fine-grained numeric measure that slides up the scale towards the hardest bin, and always test on the hardest bin.
 *
 * <p>The test bin is every probing item whose value is at least {@code testMin} (default: the measure's hard cutoff
 * on the probing set, e.g. ARC grade ≥ 8). Windows are half-open intervals {@code [low, low + width)} starting at the
 * lowest value and moving by {@code step} while {@code low < testMin}; a window never reaches into the test bin (its
 * upper end is cut at {@code testMin}). A window's centre is the mean value of its items, the test bin's centre the
 * mean of the test bin, and the train–test gap their difference, so that the gap means the same for integer grades
 * and continuous measures.
 *
 * <p>Per bootstrap, n items of the test bin are drawn as the hard-trained reference H (gap 0) and the rest of the bin
 * is the test set of every unit of that bootstrap, so that E (a window), H and the unsupervised baseline U share their
 * test items and each window has an SGR = (E − U) / (H − U) with a grid-bootstrap interval. A window holding fewer than
 * {@code n + 50} items (the paper's spare-item rule) is not run; it stays in {@link #windows()} and in the table with
 * the reason.
 *
 * <p>Any {@link MultipleChoiceMethod} can be given; GSM8k's {@code num_steps} (2…10) works with methods that answer
 * generative items (prompting, fine-tuning of a causal LM), not with the linear probe, whose features need options.
 */
public final class HardnessWindow {

    /** The driver's name in manifests. */
    public static final String NAME = "hardness_window";
    /** The train-pool label of the hard-trained reference (trained on the test bin itself). */
    public static final String HARD_REFERENCE = TrainPool.HARD.label();

    /**
     * One window of the measure.
     *
     * @param index     its position, 0 = lowest
     * @param low       the lowest value it holds (inclusive)
     * @param high      the end of its interval (exclusive), at most the test bin's minimum
     * @param items     how many probing items fall into it
     * @param centre    the mean value of its items (NaN when it holds none)
     * @param gap       the test bin's centre minus this centre (NaN when it holds none)
     * @param skipped   why it was not run, or empty when it ran
     */
    public record Window(int index, double low, double high, int items, double centre, double gap,
            Optional<String> skipped) {

        /** The train-pool label its records carry, e.g. {@code window[3,4)}. */
        public String label() {
            return "window[" + format(low) + "," + format(high) + ")";
        }

        /** Whether it was planned. */
        public boolean runs() {
            return skipped.isEmpty();
        }
    }

    private final Dataset probing;
    private final HardnessMeasure measure;
    private final Builder settings;
    private final double testMin;
    private final List<Item> testBin;
    private final double testCentre;
    private final List<Window> windows;
    private final Map<Integer, List<Item>> windowItems = new LinkedHashMap<>();
    private final Cutoffs cutoffs;

    private HardnessWindow(Builder builder) {
        builder.checkCommon();
        this.probing = builder.probing;
        this.measure = builder.measure;
        this.settings = builder;
        Cutoffs fitted = Stratifier.fit(measure, probing).cutoffs();
        this.testMin = builder.testMin != null ? builder.testMin : fitted.hardMin();
        String name = measure.name();
        List<Item> valued = probing.items().stream().filter(item -> item.hardness(name).isPresent()).toList();
        if (valued.isEmpty()) {
            throw new IllegalArgumentException(probing.name() + " has no item with a value of " + name);
        }
        this.testBin = valued.stream().filter(item -> value(item) >= testMin).toList();
        int needed = settings.trainSize() + StratifiedSampler.MINIMUM_SPARE_ITEMS;
        if (testBin.size() < needed) {
            throw new IllegalArgumentException("the test bin of " + probing.name() + " (" + name + " >= "
                    + format(testMin) + ") has " + testBin.size() + " items; the hard reference trains on "
                    + settings.trainSize() + " of them and tests on the rest, which needs at least " + needed);
        }
        this.testCentre = mean(testBin);
        double min = valued.stream().mapToDouble(this::value).min().orElseThrow();
        double width = builder.width != null ? builder.width : defaultWidth(valued, min, testMin);
        double step = builder.step != null ? builder.step : width;
        List<Window> planned = new ArrayList<>();
        // Window bounds are computed from their index, not by adding steps, so rounding does not accumulate.
        for (int k = 0; min + k * step < testMin - 1e-12; k++) {
            double low = min + k * step;
            double high = Math.min(low + width, testMin);
            List<Item> inside = valued.stream().filter(item -> value(item) >= low - 1e-12
                    && value(item) < high - 1e-12).toList();
            windowItems.put(k, inside);
            double centre = inside.isEmpty() ? Double.NaN : mean(inside);
            Optional<String> skipped = inside.size() >= needed ? Optional.empty()
                    : Optional.of("window " + format(low) + " <= " + name + " < " + format(high) + " has "
                            + inside.size() + " items; training on " + settings.trainSize() + " needs at least "
                            + needed + " (n_train + " + StratifiedSampler.MINIMUM_SPARE_ITEMS + ")");
            planned.add(new Window(k, low, high, inside.size(), centre, testCentre - centre, skipped));
        }
        this.windows = List.copyOf(planned);
        // Easy max below every value: the sheets read every test item (all in the bin) as hard and nothing as easy.
        this.cutoffs = new Cutoffs(Math.min(min, testMin) - 1, testMin);
    }

    /** A builder for a probing set and a numeric measure its items carry. */
    public static Builder builder(Dataset probing, HardnessMeasure measure) {
        return new Builder(Objects.requireNonNull(probing, "probing set"), Objects.requireNonNull(measure, "measure"));
    }

    /** One unit for integer measures (a grade, a step); a quarter of the range below the test bin otherwise. */
    private double defaultWidth(List<Item> valued, double min, double testMin) {
        boolean integers = valued.stream().allMatch(item -> value(item) == Math.rint(value(item)));
        return integers || !(testMin > min) ? 1.0 : (testMin - min) / 4;
    }

    private double value(Item item) {
        return item.hardness(measure.name()).orElseThrow();
    }

    private double mean(List<Item> items) {
        return items.stream().mapToDouble(this::value).average().orElse(Double.NaN);
    }

    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(java.util.Locale.ROOT, "%.3g", value);
    }

    /** Every window, run or skipped, lowest first. */
    public List<Window> windows() {
        return windows;
    }

    /** The lowest value of the test bin. */
    public double testMin() {
        return testMin;
    }

    /** The test bin's items (before the hard reference's draw is taken out). */
    public List<Item> testBin() {
        return testBin;
    }

    /** The mean value of the test bin, from which gaps are measured. */
    public double testCentre() {
        return testCentre;
    }

    /** The hard reference's training draw of a bootstrap: n items of the test bin. */
    public List<Item> hardSample(int bootstrap) {
        return Draws.sample(testBin, settings.trainSize(), Seeds.random(NAME, settings.seed(), measure.name(), "hard",
                format(testMin), bootstrap));
    }

    /** The test set of a bootstrap, shared by all its units: the test bin minus the hard reference's draw. */
    public List<Item> testSet(int bootstrap) {
        Set<String> drawn = new HashSet<>(hardSample(bootstrap).stream().map(Item::id).toList());
        return testBin.stream().filter(item -> !drawn.contains(item.id())).toList();
    }

    /**
     * The training draw of a window and bootstrap.
     *
     * @throws IllegalArgumentException when the window was skipped
     */
    public List<Item> windowSample(Window window, int bootstrap) {
        if (!window.runs()) {
            throw new IllegalArgumentException("window " + window.label() + " does not run: "
                    + window.skipped().get());
        }
        return Draws.sample(windowItems.get(window.index()), settings.trainSize(), Seeds.random(NAME, settings.seed(),
                measure.name(), window.label(), bootstrap));
    }

    /** Every unit this run consists of, in run order: baselines, then per bootstrap the windows and the reference. */
    public List<PlannedUnit> plan() {
        List<PlannedUnit> units = new ArrayList<>();
        String name = measure.name();
        units.addAll(PlannedUnit.baselines(settings.models(), probing.name(), testBin));
        for (int b = 0; b < settings.bootstraps(); b++) {
            List<Item> test = testSet(b);
            for (Window window : windows) {
                if (window.runs()) {
                    addUnits(units, "w" + window.index() + "-b" + b, TrainPool.EASY, window.label(), b,
                            windowSample(window, b), test, Map.of("window_low", window.low(), "window_high",
                                    window.high(), "window_centre", window.centre(), "gap", window.gap()));
                }
            }
            addUnits(units, "hard-b" + b, TrainPool.HARD, HARD_REFERENCE, b, hardSample(b), test,
                    Map.of("window_centre", testCentre, "gap", 0.0));
        }
        return units;
    }

    private void addUnits(List<PlannedUnit> units, String suffix, TrainPool pool, String label, int b,
            List<Item> train, List<Item> test, Map<String, Double> facts) {
        for (ModelArms arms : settings.models()) {
            for (MultipleChoiceMethod method : arms.supervised()) {
                units.add(new PlannedUnit(PlannedUnit.nameOf(arms.model(), method.name(), measure.name(), suffix),
                        pool, b, train, test, method, new Condition(probing.name(), arms.model(), method.name(), label,
                                measure.name(), train.size()),
                        Seeds.derive("fit", NAME, settings.seed(), measure.name(), label, b), facts));
            }
        }
    }

    /** Runs (or resumes) every unit. */
    public DriverResult run() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("measure", measure.name());
        config.put("test_min", testMin);
        config.put("windows", windows.stream().map(w -> w.label() + (w.runs() ? "" : " skipped")).toList());
        config.put("train_size", settings.trainSize());
        config.put("bootstraps", settings.bootstraps());
        config.put("seed", settings.seed());
        return settings.execute(NAME, config, Map.of(probing, settings.checksums()), plan(), List.of(measure.name()),
                Map.of(probing.name(), Map.of(measure.name(), cutoffs)));
    }

    /**
     * What one window (or the hard reference) gave one model and method on the test bin.
     *
     * @param trainOn  the window's label or {@link #HARD_REFERENCE}
     * @param window   the window; empty for the hard reference
     * @param gap      the train–test gap (0 for the reference)
     * @param accuracy hard-test accuracy; empty when the window was skipped
     * @param sgr      (this − U) / (H − U); empty when the window was skipped or the model has no baseline
     * @param note     why accuracy or SGR is missing or undefined, or empty
     */
    public record Point(String model, String method, String trainOn, Optional<Window> window, double gap,
            Optional<AccuracyResult> accuracy, Optional<SgrResult> sgr, String note) {
    }

    /** Per window (skipped ones included, with the reason) and the hard reference: accuracy and SGR on the test bin. */
    public List<Point> points(DriverResult run, String model, String method, GridBootstrap bootstrap) {
        List<ItemResult> unsupervised = run.records(r -> r.condition().model().equals(model)
                && r.condition().trainPool().equals(TrainPool.NONE.label()));
        List<ItemResult> hard = supervised(run, model, method, HARD_REFERENCE);
        List<Point> points = new ArrayList<>();
        for (Window window : windows) {
            if (!window.runs()) {
                points.add(new Point(model, method, window.label(), Optional.of(window), window.gap(),
                        Optional.empty(), Optional.empty(), "skipped: " + window.skipped().get()));
            } else {
                points.add(point(model, method, window.label(), Optional.of(window), window.gap(),
                        supervised(run, model, method, window.label()), unsupervised, hard, bootstrap));
            }
        }
        points.add(point(model, method, HARD_REFERENCE, Optional.empty(), 0, hard, unsupervised, hard, bootstrap));
        return points;
    }

    private static List<ItemResult> supervised(DriverResult run, String model, String method, String trainOn) {
        return run.records(r -> r.condition().model().equals(model) && r.condition().method().equals(method)
                && r.condition().trainPool().equals(trainOn));
    }

    private static Point point(String model, String method, String trainOn, Optional<Window> window, double gap,
            List<ItemResult> records, List<ItemResult> unsupervised, List<ItemResult> hard, GridBootstrap bootstrap) {
        if (records.isEmpty()) {
            return new Point(model, method, trainOn, window, gap, Optional.empty(), Optional.empty(),
                    "no records (the run has not reached this window)");
        }
        AccuracyResult accuracy = bootstrap.accuracy(ItemGrid.fromRecords(records));
        if (unsupervised.isEmpty() || hard.isEmpty()) {
            return new Point(model, method, trainOn, window, gap, Optional.of(accuracy), Optional.empty(),
                    unsupervised.isEmpty() ? "no SGR: the model has no unsupervised baseline"
                            : "no SGR: the hard reference has no records yet");
        }
        SgrResult sgr = bootstrap.supervisionGapRecovered(ItemGrid.fromRecords(unsupervised),
                ItemGrid.fromRecords(records), ItemGrid.fromRecords(hard));
        return new Point(model, method, trainOn, window, gap, Optional.of(accuracy), Optional.of(sgr),
                sgr.isDefined() ? "" : "SGR undefined: " + sgr.reason());
    }

    /**
     * The points as a table: model, method, train_on, window bounds, centre, gap, window items, then hard-test
     * accuracy (%) with its 95% interval, SGR with its interval and a note (why a window was skipped or its SGR is
     * undefined). Missing numbers are NaN, never 0.
     */
    public static Table table(String name, List<Point> points) {
        StringColumn model = StringColumn.create("model");
        StringColumn method = StringColumn.create("method");
        StringColumn trainOn = StringColumn.create("train_on");
        DoubleColumn low = DoubleColumn.create("low");
        DoubleColumn high = DoubleColumn.create("high");
        DoubleColumn gap = DoubleColumn.create("gap");
        IntColumn items = IntColumn.create("window items");
        EstimateColumns estimates = new EstimateColumns();
        StringColumn note = StringColumn.create("note");
        for (Point point : points) {
            model.append(point.model());
            method.append(point.method());
            trainOn.append(point.trainOn());
            low.append(point.window().map(Window::low).orElse(Double.NaN));
            high.append(point.window().map(Window::high).orElse(Double.NaN));
            gap.append(point.gap());
            if (point.window().isPresent()) {
                items.append(point.window().get().items());
            } else {
                items.appendMissing(); // the hard reference trains on the test bin, not on a window
            }
            estimates.append(point.accuracy(), point.sgr());
            note.append(point.note());
        }
        gap.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        return Table.create(name, model, method, trainOn, low, high, gap, items).addColumns(estimates.columns()
                .toArray(Column<?>[]::new)).addColumns(note);
    }

    /** Builds a {@link HardnessWindow}. */
    public static final class Builder extends DriverBuilder<Builder> {
        private final Dataset probing;
        private final HardnessMeasure measure;
        private Double width;
        private Double step;
        private Double testMin;

        private Builder(Dataset probing, HardnessMeasure measure) {
            this.probing = probing;
            this.measure = measure;
        }

        /**
         * The window's width and step in the measure's units (default: width 1 for an integer measure, one ARC grade
         * at a time, else a quarter of the range below the test bin; step = width).
         */
        public Builder optWindow(double width, double step) {
            if (!(width > 0) || !(step > 0) || Double.isInfinite(width) || Double.isInfinite(step)) {
                throw new IllegalArgumentException("window width and step must be positive and finite, were " + width
                        + " and " + step);
            }
            this.width = width;
            this.step = step;
            return this;
        }

        /** The lowest value of the test bin (default: the measure's hard cutoff on the probing set). */
        public Builder optTestMin(double testMin) {
            if (!Double.isFinite(testMin)) {
                throw new IllegalArgumentException("the test bin's minimum must be finite, was " + testMin);
            }
            this.testMin = testMin;
            return this;
        }

        /** The driver. */
        public HardnessWindow build() {
            return new HardnessWindow(this);
        }
    }
}
