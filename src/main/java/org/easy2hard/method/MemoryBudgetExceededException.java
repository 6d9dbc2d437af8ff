package org.easy2hard.method;

/**
 * Thrown before any training when one training example alone needs more device memory than the fine-tuning budget
 * allows: the message names the example, its estimated need and the budget, and what to change.
 */
public final class MemoryBudgetExceededException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param message what does not fit and what to do */
    public MemoryBudgetExceededException(String message) {
        super(message);
    }
}
