package org.easy2hard.model.llama;

import org.easy2hard.model.ModelReference;

/**
 * A model on the Hugging Face hub: {@code hf:owner/name} or {@code hf:owner/name@revision} (a branch, tag or commit;
 * default {@code main}).
 *
 * @param repository {@code owner/name}
 * @param revision   the branch, tag or commit
 */
public record HubReference(String repository, String revision) {

    /** The prefix that marks a hub reference. */
    public static final String PREFIX = ModelReference.HUB_PREFIX;

    /** Checks the parts by {@link ModelReference.HubRepository}'s grammar, the one grammar of hub references. */
    public HubReference {
        new ModelReference.HubRepository(repository, revision);
    }

    /** The hub reference a parsed model reference names. */
    public static HubReference of(ModelReference.HubRepository repository) {
        return new HubReference(repository.repository(), repository.revision());
    }

    /**
     * Parses {@code hf:owner/name[@revision]} ({@link ModelReference.HubRepository#parse}).
     *
     * @throws IllegalArgumentException naming the expected form
     */
    public static HubReference parse(String text) {
        return of(ModelReference.HubRepository.parse(text));
    }

    /** Whether the revision is a full commit hash (whose files never change). */
    public boolean pinned() {
        return revision.matches("[0-9a-f]{40}");
    }

    @Override
    public String toString() {
        return PREFIX + repository + "@" + revision;
    }
}
