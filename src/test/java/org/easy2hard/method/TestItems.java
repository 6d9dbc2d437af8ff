package org.easy2hard.method;

import java.util.List;
import java.util.Map;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;

/** Small multiple-choice items for tests. */
final class TestItems {

    private TestItems() {
    }

    static Item item(String id, DatasetId dataset, String question, List<String> options, int gold) {
        return new Item(id, dataset, "test", question, options, gold, options.get(gold), "", List.of(), Map.of(),
                Map.of());
    }

    static Item arc(String id, String question, List<String> options, int gold) {
        return item(id, DatasetId.ARC, question, options, gold);
    }
}
