package org.easy2hard.model;

/**
 * An encoder cannot be built or run: a model file is missing or malformed, a graph lacks the tensor a setting needs,
 * the engine failed. The message names the file or setting at fault.
 */
public class EncoderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the file or setting */
    public EncoderException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the file or setting
     * @param cause   the underlying failure
     */
    public EncoderException(String message, Throwable cause) {
        super(message, cause);
    }
}
