package org.easy2hard.model.llama;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model on the Hugging Face hub: {@code hf:owner/name} or {@code hf:owner/name@revision} (a branch, tag or commit;
 * default {@code main}).
 *
 * @param repository {@code owner/name}
 * @param revision   the branch, tag or commit
 */
public record HubReference(String repository, String revision) {

    /** The prefix that marks a hub reference. */
    public static final String PREFIX = "hf:";

    private static final Pattern FORM = Pattern.compile(
            "hf:([A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*)(?:@([A-Za-z0-9][A-Za-z0-9._/-]*))?");

    /** Checks the parts. */
    public HubReference {
        if (!FORM.matcher(PREFIX + repository + "@" + revision).matches() || repository.contains("..")
                || revision.contains("..")) {
            throw new IllegalArgumentException("not a hub repository and revision: '" + repository + "@" + revision
                    + "'");
        }
    }

    /**
     * Parses {@code hf:owner/name[@revision]}.
     *
     * @throws IllegalArgumentException naming the expected form
     */
    public static HubReference parse(String text) {
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches() || text.contains("..")) {
            throw new IllegalArgumentException("'" + text + "' is not a hub reference of the form "
                    + "hf:owner/name or hf:owner/name@revision");
        }
        return new HubReference(matcher.group(1), matcher.group(2) == null ? "main" : matcher.group(2));
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
