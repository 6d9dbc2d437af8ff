package org.easy2hard.model.llama.internal;

import java.util.Arrays;

/**
 * A float tensor in Java memory, row-major: what {@link SafeTensorsWriter} writes (tests build tiny models from
 * these; adapters are saved as these).
 *
 * @param shape  the dimensions
 * @param values the elements, as many as the shape's product (kept as given: not copied, for large tensors)
 */
public record HostTensor(long[] shape, float[] values) {

    /** Checks that the shape and the number of values agree. */
    public HostTensor {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, not "
                    + values.length);
        }
        shape = shape.clone();
    }

    /** The shape (a copy). */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostTensor that && Arrays.equals(shape, that.shape)
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "HostTensor" + Arrays.toString(shape);
    }
}
