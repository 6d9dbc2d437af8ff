package org.easy2hard.experiment;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.easy2hard.data.Item;

/**
 * One bootstrap's training sample and test set: the test set is every probing item not used for training.
 *
 * @param pool      the pool the training items came from
 * @param bootstrap the bootstrap index (which draw of the training sample)
 * @param train     the training items, in draw order
 * @param test      the test items, in dataset order
 */
public record TrainTestSplit(TrainPool pool, int bootstrap, List<Item> train, List<Item> test) {

    /** Copies the lists and checks that no item is in both. */
    public TrainTestSplit {
        train = List.copyOf(train);
        test = List.copyOf(test);
        Set<String> trainIds = new HashSet<>();
        train.forEach(item -> trainIds.add(item.id()));
        for (Item item : test) {
            if (trainIds.contains(item.id())) {
                throw new IllegalArgumentException("item " + item.id() + " is both a training and a test item");
            }
        }
    }

    /** The ids of the training items, in draw order. */
    public List<String> trainIds() {
        return train.stream().map(Item::id).toList();
    }
}
