package org.easy2hard.experiment;

import org.easy2hard.data.DataStore;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Datasets;
import org.easy2hard.data.SharedData;

/** The real datasets the driver tests draw from, and a fake model whose methods need no encoder. */
public final class DriverData {

    private DriverData() {
    }

    public static DataStore store() {
        return SharedData.store();
    }

    public static Dataset arc() {
        return Datasets.arc(store());
    }

    public static Dataset arcAll() {
        return Datasets.loadAll(DatasetId.ARC, store());
    }

    public static Dataset mmlu() {
        return Datasets.mmlu(store());
    }

    /** A model with the first-option baseline (60% on option 0) and the majority-label "probe". */
    public static ModelArms fakeModel(String name) {
        return ModelArms.of(name, Fixtures.firstOption(), Fixtures.majority());
    }
}
