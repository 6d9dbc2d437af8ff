package org.easy2hard.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The paper's grid bootstrap ({@code metrics.grid_bootstrap} and the {@code bootstrapGRID}, {@code bootstrapDiff} and
 * {@code bootstrapBminusAoverCminusA} functions of its {@code analysis.Rmd}) for accuracy, paired differences and the
 * Supervision Gap Recovered. Immutable and thread-safe; configure it with {@link #builder()}.
 *
 * <pre>{@code
 * GridBootstrap bootstrap = GridBootstrap.builder().optSeed(7).build();
 * Map<Condition, ItemGrid> grids = ItemGrid.byCondition(records);
 * AccuracyResult easy = bootstrap.accuracy(grids.get(easyCondition));          // easy.format() -> "71.3 ± 2.1"
 * SgrResult sgr = bootstrap.supervisionGapRecovered(unsup, easy, hard);         // sgr.format() -> "0.87 [0.71, 1.02]"
 * }</pre>
 *
 * <h2>One resample</h2>
 * Each condition is an {@link ItemGrid} of items &times; training draws. A resample draws, for each condition, as many
 * columns as it has, with replacement (the uncertainty from which training sample was drawn), then as many rows as
 * there are items, with replacement (the uncertainty from which test items were drawn), and takes the NaN-aware mean
 * of the resampled cells. In paired statistics the conditions are restricted to the items observed in all of them
 * (sorted by id) and share the row draw, because the items are the same; their columns are drawn independently,
 * because training draw 3 of one condition has nothing to do with draw 3 of another.
 *
 * <h2>Edge cases, decided once</h2>
 * <ul>
 *   <li><b>Empty rows</b> (an item never tested) are dropped when the grid is built; they do not count as items.</li>
 *   <li><b>All-missing columns</b> (a draw that tested none of the items, common after restricting to hard items)
 *       are left out of the column draw, as the paper's {@code analysis.Rmd} does; their number is reported
 *       ({@link AccuracyResult#emptyColumnsIgnored()}). Keeping them would only add resamples with fewer usable
 *       draws.</li>
 *   <li><b>Empty resamples</b>: in sparse grids a resample can draw rows and columns whose cells are all missing (e.g.
 *       items 1 and 2 tested only in draws 1 and 2 respectively, and the resample draws item 2 twice and draw 1
 *       twice). Its mean is undefined; such resamples are dropped, not redrawn, and counted in
 *       {@link BootstrapEstimate#resamplesDropped()}. Dropping is the same as conditioning on a non-empty resample,
 *       and the count shows how sparse the grid is. The paper's numpy code would return NaN for the whole
 *       interval instead.</li>
 *   <li><b>Grids without rows</b> and <b>comparisons without shared items</b> throw
 *       {@link IllegalArgumentException}: there is nothing to estimate, and a silent NaN would travel into tables.</li>
 *   <li><b>Zero or unclear SGR denominators</b> give an {@link SgrResult} with an undefined status and a reason, never
 *       a number; see {@link #supervisionGapRecovered}.</li>
 * </ul>
 *
 * <h2>Paired statistic</h2>
 * The difference is {@code mean(B) - mean(A)}, each the NaN-aware mean of that condition's resampled cells, and SGR is
 * {@code (mean(E) - mean(U)) / (mean(H) - mean(U))}. The paper's R code subtracts the resampled matrices cell by cell
 * instead, which pairs draw j of A with draw j of B and needs equal column counts (R silently recycles otherwise);
 * on complete grids with equal column counts both are the same number, and this form also matches the paper's SGR
 * point estimate, which is a ratio of differences of means.
 *
 * <h2>Reproducibility</h2>
 * Every call starts a fresh {@link java.util.SplittableRandom} from the seed, so the same call with the same seed and
 * data gives the same numbers whatever was called before, and the loop is single-threaded so no thread count can
 * change them. A condition compared with an identical copy of itself gets the identical column draw, so the
 * difference is exactly 0 in every resample; together with a content order deciding which of two conditions draws
 * first, {@code difference(a, b)} and {@code difference(b, a)} are exact negations of each other.
 */
public final class GridBootstrap {

    /** The paper's number of resamples for result sheets. */
    public static final int DEFAULT_RESAMPLES = 10_000;
    /** The default seed. */
    public static final long DEFAULT_SEED = 0L;
    /** The default coverage of intervals. */
    public static final double DEFAULT_CONFIDENCE_LEVEL = 0.95;
    /**
     * The default smallest supervision gap H &minus; U (as a fraction: 0.01 is one accuracy point) for which an SGR is
     * reported. Below one point the ratio's denominator is within the rounding of the numbers it is built from.
     */
    public static final double DEFAULT_MINIMUM_SUPERVISION_GAP = 0.01;

    private final int resamples;
    private final long seed;
    private final double confidenceLevel;
    private final double minimumSupervisionGap;

    private GridBootstrap(Builder builder) {
        this.resamples = builder.resamples;
        this.seed = builder.seed;
        this.confidenceLevel = builder.confidenceLevel;
        this.minimumSupervisionGap = builder.minimumSupervisionGap;
    }

    /** 10,000 resamples, seed 0, 95% intervals, SGR only for gaps of at least one accuracy point. */
    public static GridBootstrap withDefaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder()
                .optResamples(resamples)
                .optSeed(seed)
                .optConfidenceLevel(confidenceLevel)
                .optMinimumSupervisionGap(minimumSupervisionGap);
    }

    /** Number of resamples per statistic. */
    public int resamples() {
        return resamples;
    }

    /** The seed every call starts from. */
    public long seed() {
        return seed;
    }

    /** Coverage of the percentile intervals. */
    public double confidenceLevel() {
        return confidenceLevel;
    }

    /** The smallest H &minus; U (fraction) for which an SGR is reported. */
    public double minimumSupervisionGap() {
        return minimumSupervisionGap;
    }

    /**
     * Accuracy of one condition with its grid-bootstrap interval.
     *
     * @throws IllegalArgumentException when the grid has no rows
     * @throws IllegalStateException when no resample drew an observed cell (only possible for tiny, sparse grids with
     *     very few resamples)
     */
    public AccuracyResult accuracy(ItemGrid grid) {
        PreparedArm arm = prepareSingle(grid);
        double[] means = Resampler.means(List.of(arm), resamples, seed)[0];
        BootstrapEstimate estimate = BootstrapMath.summarise(arm.pointMean, means, confidenceLevel);
        return new AccuracyResult(estimate, grid.rowCount(), arm.columns(), arm.ignoredColumns,
                grid.observedCellCount());
    }

    /**
     * The resampled accuracies behind {@link #accuracy}, in draw order, NaN for empty resamples: for histograms and
     * for checking the bootstrap distribution itself.
     *
     * @throws IllegalArgumentException when the grid has no rows
     */
    public double[] accuracyResamples(ItemGrid grid) {
        return Resampler.means(List.of(prepareSingle(grid)), resamples, seed)[0];
    }

    /**
     * The paired difference B &minus; A on the items both conditions observed, with its interval and the paper's
     * two-sided p-value.
     *
     * @throws IllegalArgumentException when the conditions share no item
     */
    public DifferenceResult difference(ItemGrid a, ItemGrid b) {
        List<String> shared = sharedItems(List.of(a, b));
        if (shared.isEmpty()) {
            throw new IllegalArgumentException("the two conditions share no item (A has " + a.rowCount()
                    + " items, B has " + b.rowCount() + "); a paired difference needs items tested in both");
        }
        PreparedArm armA = PreparedArm.of(a, shared);
        PreparedArm armB = PreparedArm.of(b, shared);
        // Which arm draws its columns first follows their content, not the argument order, so that swapping the
        // arguments leaves every draw where it was and exactly negates the result.
        boolean aFirst = armA.compareTo(armB) <= 0;
        double[][] means = Resampler.means(aFirst ? List.of(armA, armB) : List.of(armB, armA), resamples, seed);
        double[] meansA = aFirst ? means[0] : means[1];
        double[] meansB = aFirst ? means[1] : means[0];
        double[] differences = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            differences[r] = meansB[r] - meansA[r];
        }
        BootstrapEstimate estimate = BootstrapMath.summarise(armB.pointMean - armA.pointMean, differences,
                confidenceLevel);
        return new DifferenceResult(estimate, armA.pointMean, armB.pointMean, shared.size(),
                a.rowCount() - shared.size(), b.rowCount() - shared.size());
    }

    /**
     * Supervision Gap Recovered {@code (E - U) / (H - U)} on the items all three conditions observed (pass grids
     * already restricted to the hard test items), with the gaps H &minus; U, E &minus; U and H &minus; E.
     *
     * <p>The guard: the SGR is reported only when the supervision gap H &minus; U is clearly positive, i.e. its point
     * estimate is above zero, at least {@link #minimumSupervisionGap()}, and the lower end of its own interval (at
     * this bootstrap's confidence level) is above zero. Otherwise the result carries the status and a reason instead
     * of a number: a ratio whose denominator may be zero or negative is not a measurement. When defined, the interval
     * drops resamples whose ratio is not finite (a resampled gap of exactly zero), as the paper does, and counts them.
     *
     * @throws IllegalArgumentException when the three conditions share no item
     */
    public SgrResult supervisionGapRecovered(ItemGrid unsupervised, ItemGrid easy, ItemGrid hard) {
        List<String> shared = sharedItems(List.of(unsupervised, easy, hard));
        if (shared.isEmpty()) {
            throw new IllegalArgumentException("unsupervised, easy and hard conditions share no item (they have "
                    + unsupervised.rowCount() + ", " + easy.rowCount() + " and " + hard.rowCount()
                    + " items); SGR needs items tested in all three");
        }
        PreparedArm u = PreparedArm.of(unsupervised, shared);
        PreparedArm e = PreparedArm.of(easy, shared);
        PreparedArm h = PreparedArm.of(hard, shared);
        double[][] means = Resampler.means(List.of(u, e, h), resamples, seed);
        double[] hMinusU = new double[resamples];
        double[] eMinusU = new double[resamples];
        double[] hMinusE = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            hMinusU[r] = means[2][r] - means[0][r];
            eMinusU[r] = means[1][r] - means[0][r];
            hMinusE[r] = means[2][r] - means[1][r];
        }
        double gapPoint = h.pointMean - u.pointMean;
        double recoveredPoint = e.pointMean - u.pointMean;
        BootstrapEstimate gap = BootstrapMath.summarise(gapPoint, hMinusU, confidenceLevel);
        BootstrapEstimate recovered = BootstrapMath.summarise(recoveredPoint, eMinusU, confidenceLevel);
        BootstrapEstimate easyHard = BootstrapMath.summarise(h.pointMean - e.pointMean, hMinusE, confidenceLevel);

        String level = Math.round(100 * confidenceLevel) + "%";
        String gapText = "the supervision gap H - U is " + Formats.signedPoints(gapPoint) + " points (" + level
                + " interval [" + Formats.signedPoints(gap.lower()) + ", " + Formats.signedPoints(gap.upper()) + "])";
        SgrStatus status;
        String reason;
        if (!(gapPoint > 0)) {
            status = SgrStatus.GAP_NOT_POSITIVE;
            reason = gapText + ": hard supervision does not beat no supervision, so there is no gap to recover";
        } else if (gapPoint < minimumSupervisionGap) {
            status = SgrStatus.GAP_BELOW_MINIMUM;
            reason = gapText + ", below the minimum of " + Formats.percent(minimumSupervisionGap)
                    + " points for a ratio";
        } else if (gap.lower() <= 0) {
            status = SgrStatus.GAP_INTERVAL_REACHES_ZERO;
            reason = gapText + ": the interval reaches zero, so the denominator is not distinguishable from 0";
        } else {
            status = SgrStatus.DEFINED;
            reason = gapText + ": clearly positive";
        }
        Optional<BootstrapEstimate> sgr = Optional.empty();
        if (status == SgrStatus.DEFINED) {
            double[] ratios = new double[resamples];
            for (int r = 0; r < resamples; r++) {
                ratios[r] = eMinusU[r] / hMinusU[r];
            }
            sgr = Optional.of(BootstrapMath.summarise(recoveredPoint / gapPoint, ratios, confidenceLevel));
        }
        return new SgrResult(status, reason, sgr, gap, recovered, easyHard, u.pointMean, e.pointMean, h.pointMean,
                shared.size());
    }

    /**
     * The paper's SGR without the guard: the ratio (E &minus; U) / (H &minus; U) of the plug-in gaps on the shared items
     * and its interval over the same joint resamples as {@link #supervisionGapRecovered} (equal seeds give equal
     * resamples), non-finite resampled ratios dropped as {@code analysis.Rmd} drops them. This is the number the
     * paper prints whatever the denominator; where the guard leaves the SGR undefined it is a ratio of noise, and
     * reports flag it as such.
     *
     * @throws IllegalArgumentException when the three conditions share no item
     * @throws IllegalStateException    when no resample gives a finite ratio
     */
    public BootstrapEstimate rawSupervisionGapRecovered(ItemGrid unsupervised, ItemGrid easy, ItemGrid hard) {
        List<String> shared = sharedItems(List.of(unsupervised, easy, hard));
        if (shared.isEmpty()) {
            throw new IllegalArgumentException("unsupervised, easy and hard conditions share no item");
        }
        PreparedArm u = PreparedArm.of(unsupervised, shared);
        PreparedArm e = PreparedArm.of(easy, shared);
        PreparedArm h = PreparedArm.of(hard, shared);
        double[][] means = Resampler.means(List.of(u, e, h), resamples, seed);
        double[] ratios = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            ratios[r] = (means[1][r] - means[0][r]) / (means[2][r] - means[0][r]);
        }
        return BootstrapMath.summarise((e.pointMean - u.pointMean) / (h.pointMean - u.pointMean), ratios,
                confidenceLevel);
    }

    private static PreparedArm prepareSingle(ItemGrid grid) {
        if (grid.rowCount() == 0) {
            throw new IllegalArgumentException("the grid has no observed cell: no item was tested in any draw");
        }
        return PreparedArm.of(grid, grid.itemIds());
    }

    /** Ids observed in every grid, sorted (grids keep their rows sorted, so the first grid's order is kept). */
    private static List<String> sharedItems(List<ItemGrid> grids) {
        List<String> shared = new ArrayList<>();
        for (String id : grids.get(0).itemIds()) {
            if (grids.stream().allMatch(grid -> grid.contains(id))) {
                shared.add(id);
            }
        }
        return shared;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GridBootstrap that
                && resamples == that.resamples
                && seed == that.seed
                && Double.compare(confidenceLevel, that.confidenceLevel) == 0
                && Double.compare(minimumSupervisionGap, that.minimumSupervisionGap) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(resamples, seed, confidenceLevel, minimumSupervisionGap);
    }

    /** The configuration, e.g. {@code GridBootstrap[resamples=10000, seed=0, level=0.95, minimumGap=0.01]}. */
    @Override
    public String toString() {
        return "GridBootstrap[resamples=" + resamples + ", seed=" + seed + ", level=" + confidenceLevel
                + ", minimumGap=" + minimumSupervisionGap + "]";
    }

    /** Builds a {@link GridBootstrap}; every option has a default, so only {@code opt…} methods exist. */
    public static final class Builder {
        private int resamples = DEFAULT_RESAMPLES;
        private long seed = DEFAULT_SEED;
        private double confidenceLevel = DEFAULT_CONFIDENCE_LEVEL;
        private double minimumSupervisionGap = DEFAULT_MINIMUM_SUPERVISION_GAP;

        private Builder() {
        }

        /**
         * Sets the number of resamples; defaults to {@value GridBootstrap#DEFAULT_RESAMPLES}.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder optResamples(int resamples) {
            if (resamples < 1) {
                throw new IllegalArgumentException("resamples must be >= 1, was " + resamples);
            }
            this.resamples = resamples;
            return this;
        }

        /** Sets the seed; defaults to {@value GridBootstrap#DEFAULT_SEED}. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the coverage of intervals; defaults to {@value GridBootstrap#DEFAULT_CONFIDENCE_LEVEL}.
         *
         * @throws IllegalArgumentException when not strictly between 0 and 1
         */
        public Builder optConfidenceLevel(double confidenceLevel) {
            if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
                throw new IllegalArgumentException("confidence level must be in (0, 1), was " + confidenceLevel);
            }
            this.confidenceLevel = confidenceLevel;
            return this;
        }

        /**
         * Sets the smallest supervision gap H &minus; U, as a fraction (0.01 = one accuracy point), for which an SGR
         * is reported; defaults to {@value GridBootstrap#DEFAULT_MINIMUM_SUPERVISION_GAP}. Zero leaves only the
         * "positive, with an interval above zero" rule.
         *
         * @throws IllegalArgumentException when negative or not finite
         */
        public Builder optMinimumSupervisionGap(double minimumSupervisionGap) {
            if (!(minimumSupervisionGap >= 0 && Double.isFinite(minimumSupervisionGap))) {
                throw new IllegalArgumentException("minimum supervision gap must be a finite fraction >= 0, was "
                        + minimumSupervisionGap);
            }
            this.minimumSupervisionGap = minimumSupervisionGap;
            return this;
        }

        /** Builds the configured bootstrap. */
        public GridBootstrap build() {
            return new GridBootstrap(this);
        }
    }
}
