package org.easy2hard.model.llama.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;
import org.easy2hard.model.LanguageModelException;

/**
 * The compute types a {@link LlamaNetwork} accepts, and why bfloat16 is not one of them.
 *
 * <p>DJL 0.36's PyTorch JNI maps data types to libtorch by a fixed table (float32, float64, float16, uint8, int32,
 * int8, int64, bool) and throws nothing catchable for the others: creating or casting to a
 * {@link DataType#BFLOAT16} array calls {@code std::terminate} and the JVM aborts (checked on PyTorch 2.7.1 CPU). So
 * bfloat16 is refused here, before any native call, and float16 is the half precision on offer: Llama-2's own
 * checkpoints are float16, and its range (±65504) holds their weights and activations; a checkpoint value beyond it
 * is refused by name when loading. Half precision halves the weights' memory exactly as bfloat16 would.
 */
public final class ComputeTypes {

    private ComputeTypes() {
    }

    /**
     * Checks that {@code type} is a compute type a network can use.
     *
     * @throws IllegalArgumentException naming the type and the alternatives
     */
    public static DataType require(DataType type) {
        if (type == DataType.FLOAT32 || type == DataType.FLOAT16) {
            return type;
        }
        if (type == DataType.BFLOAT16) {
            throw new IllegalArgumentException("bfloat16 is not available: DJL's PyTorch JNI has no bfloat16 type "
                    + "(a bfloat16 array aborts the JVM); use float16 (Llama-2's own checkpoint type, the same "
                    + "memory) or float32");
        }
        throw new IllegalArgumentException("compute type " + type + " is not supported; use float32 or float16");
    }

    /**
     * The type a user names: {@code float32}/{@code fp32}, {@code float16}/{@code fp16}/{@code half}, or
     * {@code bfloat16}/{@code bf16} (refused with the reason).
     *
     * @throws LanguageModelException for any other name
     */
    public static DataType parse(String name) {
        DataType type = switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "float32", "fp32", "f32" -> DataType.FLOAT32;
            case "float16", "fp16", "f16", "half" -> DataType.FLOAT16;
            case "bfloat16", "bf16" -> DataType.BFLOAT16;
            default -> throw new LanguageModelException("unknown compute type '" + name + "'; use float32 or "
                    + "float16");
        };
        try {
            return require(type);
        } catch (IllegalArgumentException e) {
            throw new LanguageModelException(e.getMessage());
        }
    }

    /**
     * {@code array} in {@code type}, differentiably: DJL's {@code toType} runs under PyTorch's no-grad guard, so a
     * cast made with it cuts the autograd graph (adapters on a half-precision base would get no gradient). A
     * cumulative product along a new axis of length one is the identity with a result type, and autograd follows
     * it; the rounding is the same as a cast's (round to nearest even).
     *
     * @return {@code array} itself when it already has the type, else a new array of its manager
     */
    public static NDArray cast(NDArray array, DataType type) {
        if (array.getDataType() == type) {
            return array;
        }
        return array.expandDims(-1).cumProd(-1, type).squeeze(-1);
    }

    /** Bytes per element of a compute type. */
    public static int bytes(DataType type) {
        return require(type).getNumOfBytes();
    }
}
