package org.easy2hard.model.llama.internal;

/**
 * Conversions between float32 and the two 16-bit formats checkpoints use (Java 17 has no
 * {@code Float.float16ToFloat}): IEEE half precision (1 sign, 5 exponent, 10 mantissa bits) and bfloat16 (the upper
 * half of a float32). Narrowing rounds to nearest, ties to even, as PyTorch does.
 */
public final class HalfFloats {

    private HalfFloats() {
    }

    /** The float value of an IEEE half-precision bit pattern. */
    public static float toFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            // infinity or NaN: keep the payload
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // zero or subnormal: mantissa * 2^-24
            float value = mantissa * 0x1p-24f;
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** The nearest IEEE half-precision value (ties to even; overflow to infinity). */
    public static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int mantissa = bits & 0x7fffff;
        if (exponent == 0xff) {
            return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 : 0));
        }
        int halfExponent = exponent - 112;
        if (halfExponent >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (halfExponent <= 0) {
            if (halfExponent < -10) {
                return (short) sign;
            }
            // subnormal: shift the full mantissa (with its implicit bit) into place and round
            int full = mantissa | 0x800000;
            int shift = 14 - halfExponent;
            int result = full >>> shift;
            int remainder = full & ((1 << shift) - 1);
            int halfway = 1 << (shift - 1);
            if (remainder > halfway || remainder == halfway && (result & 1) == 1) {
                result++;
            }
            return (short) (sign | result);
        }
        int result = (halfExponent << 10) | (mantissa >>> 13);
        int remainder = mantissa & 0x1fff;
        if (remainder > 0x1000 || remainder == 0x1000 && (result & 1) == 1) {
            // may carry into the exponent, which is the right answer (up to infinity)
            result++;
        }
        return (short) (sign | result);
    }

    /** The float value of a bfloat16 bit pattern. */
    public static float bf16ToFloat(short bf16) {
        return Float.intBitsToFloat((bf16 & 0xffff) << 16);
    }

    /** The nearest bfloat16 value (ties to even). */
    public static short floatToBf16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounding = 0x7fff + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }
}
