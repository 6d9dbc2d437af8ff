package org.easy2hard.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A loss over training examples that {@link LoraTrainer} minimises: per example a differentiable scalar, summed over
 * a micro-batch, with an estimate of the memory each micro-batch needs so that the trainer can size micro-batches.
 * An example is the unit that must stay whole in one micro-batch (an item with all its options for the
 * multiple-choice objective, one sequence for chain of thought).
 */
interface TrainingObjective {

    /** Number of training examples. */
    int size();

    /** A short description of example i for error messages, e.g. its item id. */
    String describe(int example);

    /** Tokens example i puts through the model (all its sequences, BOS included), for throughput figures. */
    long tokens(int example);

    /** Estimated device memory, in bytes, of one forward and backward pass over these examples together. */
    long memoryBytes(int[] examples);

    /**
     * The sum of the examples' losses as a scalar array recorded for autograd, belonging to {@code manager}.
     */
    NDArray loss(NDManager manager, int[] examples);
}
