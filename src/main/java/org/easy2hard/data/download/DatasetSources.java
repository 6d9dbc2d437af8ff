package org.easy2hard.data.download;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.easy2hard.data.DatasetId;

/**
 * Everything one dataset is made of: the downloads and, through them, the pinned files of its folder.
 *
 * @param dataset which dataset (its folder in the data directory is its {@link DatasetId#shortName() short name})
 * @param sources the downloads, each yielding some of the dataset's files
 */
public record DatasetSources(DatasetId dataset, List<Source> sources) {

    /** Checks that no two sources write the same file and copies the list. */
    public DatasetSources {
        Objects.requireNonNull(dataset, "dataset");
        sources = List.copyOf(Objects.requireNonNull(sources, "sources of " + dataset));
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("dataset " + dataset + " lists no sources");
        }
        Set<String> paths = new HashSet<>();
        for (Source source : sources) {
            for (PinnedFile file : source.files()) {
                if (!paths.add(file.path())) {
                    throw new IllegalArgumentException("dataset " + dataset + " lists " + file.path() + " twice");
                }
            }
        }
    }

    /** Every file of the dataset, in manifest order. */
    public List<PinnedFile> files() {
        return sources.stream().flatMap(source -> source.files().stream()).toList();
    }
}
