package org.easy2hard.method;

/**
 * Thrown before any training when one training example alone needs more device memory than the fine-tuning budget
 * allows, or when a micro-batch ran out of device memory: the message names the example or micro-batch, its
 * estimated need and the budget, and what to change.
 */
public final class MemoryBudgetExceededException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param message what does not fit and what to do */
    public MemoryBudgetExceededException(String message) {
        super(message);
    }

    /**
     * @param message what ran out of memory and what to do
     * @param cause   the engine's out-of-memory error
     */
    public MemoryBudgetExceededException(String message, Throwable cause) {
        super(message, cause);
    }
}
