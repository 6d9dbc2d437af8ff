package org.easy2hard.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * An ordered, immutable collection of {@link Item}s of one dataset with unique ids, e.g. the 3,521-item ARC probing
 * set. Derived datasets (filters, hold-out removal, added hardness values) are new objects.
 */
public final class Dataset implements Iterable<Item> {

    private final DatasetId id;
    private final String name;
    private final List<Item> items;
    private final Map<String, Item> byId;

    /**
     * @param id    which of the four datasets
     * @param name  a name that says which subset this is (the paper's names: {@code ai2_arc}, {@code arc_all}, ...)
     * @param items the items, in order, with unique ids
     * @throws IllegalArgumentException on a duplicated id or an item of another dataset
     */
    public Dataset(DatasetId id, String name, List<Item> items) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.items = List.copyOf(items);
        Map<String, Item> index = new LinkedHashMap<>();
        for (Item item : this.items) {
            if (item.dataset() != id) {
                throw new IllegalArgumentException("item " + item.id() + " belongs to " + item.dataset()
                        + ", not " + id);
            }
            if (index.put(item.id(), item) != null) {
                throw new IllegalArgumentException("duplicate item id " + item.id() + " in " + name);
            }
        }
        this.byId = index;
    }

    /** Which of the four datasets this is. */
    public DatasetId id() {
        return id;
    }

    /** The subset's name. */
    public String name() {
        return name;
    }

    /** The items in order. */
    public List<Item> items() {
        return items;
    }

    /** Number of items. */
    public int size() {
        return items.size();
    }

    /** The item with this id, if present. */
    public Optional<Item> find(String itemId) {
        return Optional.ofNullable(byId.get(itemId));
    }

    /** Whether an item with this id is present. */
    public boolean contains(String itemId) {
        return byId.containsKey(itemId);
    }

    @Override
    public Iterator<Item> iterator() {
        return items.iterator();
    }

    /** The items that pass the filter, under a new name. */
    public Dataset filter(String newName, Predicate<Item> keep) {
        return new Dataset(id, newName, items.stream().filter(keep).toList());
    }

    /**
     * The dataset without the given ids, under a new name.
     *
     * @throws IllegalArgumentException when some of the ids are not in this dataset: removing a hold-out that
     *                                  does not match the data means the data is not the paper's
     */
    public Dataset without(String newName, Collection<String> ids) {
        Set<String> unknown = new LinkedHashSet<>(ids);
        unknown.removeAll(byId.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(unknown.size() + " of the " + ids.size() + " ids to remove are not in "
                    + name + ", e.g. " + unknown.iterator().next());
        }
        Set<String> removed = Set.copyOf(ids);
        return filter(newName, item -> !removed.contains(item.id()));
    }

    /** A copy with one more hardness value per item (items for which the function gives NaN get none). */
    public Dataset withHardness(String measure, ToDoubleFunction<Item> value) {
        List<Item> updated = new ArrayList<>(items.size());
        for (Item item : items) {
            double v = value.applyAsDouble(item);
            updated.add(Double.isNaN(v) ? item : item.withHardness(measure, v));
        }
        return new Dataset(id, name, updated);
    }

    /** The names of the hardness values the items carry, in first-seen order. */
    public List<String> hardnessNames() {
        Set<String> names = new LinkedHashSet<>();
        items.forEach(item -> names.addAll(item.hardness().keySet()));
        return List.copyOf(names);
    }

    /** The values of one hardness measure in item order, NaN where an item has none. */
    public double[] hardnessValues(String measure) {
        return items.stream().mapToDouble(item -> item.hardness(measure).orElse(Double.NaN)).toArray();
    }

    /**
     * The dataset as a Tablesaw table: one row per item with id, split, question, number of options, gold index,
     * answer, reasoning, the kept attributes (e.g. {@code subject}) and one column per hardness measure.
     */
    public Table toTable() {
        Table table = Table.create(name);
        table.addColumns(
                StringColumn.create("id", items.stream().map(Item::id)),
                StringColumn.create("split", items.stream().map(Item::split)),
                StringColumn.create("question", items.stream().map(Item::question)),
                IntColumn.create("n_options", items.stream().mapToInt(item -> item.options().size()).toArray()),
                IntColumn.create("gold_index", items.stream().mapToInt(Item::goldIndex).toArray()),
                StringColumn.create("answer", items.stream().map(Item::answer)),
                StringColumn.create("reasoning", items.stream().map(Item::reasoning)));
        Set<String> attributeNames = new LinkedHashSet<>();
        items.forEach(item -> attributeNames.addAll(item.attributes().keySet()));
        for (String attribute : attributeNames) {
            table.addColumns(StringColumn.create(attribute,
                    items.stream().map(item -> item.attributes().getOrDefault(attribute, ""))));
        }
        for (String measure : hardnessNames()) {
            table.addColumns(DoubleColumn.create(measure, hardnessValues(measure)));
        }
        return table;
    }

    @Override
    public String toString() {
        return name + " (" + id + ", " + items.size() + " items)";
    }
}
