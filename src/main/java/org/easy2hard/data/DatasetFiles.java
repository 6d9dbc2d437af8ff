package org.easy2hard.data;

import java.util.ArrayList;
import java.util.List;

/** The files each loader reads, relative to the data directory: what "the dataset is present" means. */
public final class DatasetFiles {

    private DatasetFiles() {
    }

    /** The files the loader of this dataset needs. */
    public static List<String> required(DatasetId id) {
        return switch (id) {
            case ARC -> {
                List<String> files = new ArrayList<>(ArcLoader.FILES);
                files.add(ArcLoader.ANNOTATIONS);
                yield List.copyOf(files);
            }
            case MMLU -> {
                List<String> files = new ArrayList<>();
                for (String level : List.of("high_school", "college")) {
                    for (String area : MmluLoader.AREAS) {
                        for (String split : MmluLoader.SPLITS) {
                            files.add(MmluLoader.file(level + "_" + area, split));
                        }
                    }
                }
                yield List.copyOf(files);
            }
            case STRATEGYQA -> StrategyQaLoader.FILES;
            case GSM8K -> Gsm8kLoader.FILES;
            case USER -> throw new IllegalArgumentException("a user dataset is read from its own file, not from the "
                    + "data directory");
        };
    }
}
