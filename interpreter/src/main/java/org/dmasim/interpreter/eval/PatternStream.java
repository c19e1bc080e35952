package org.dmasim.interpreter.eval;

/**
 * {@code pattern(seed)}: a deterministic pseudo-random byte stream (splitmix64), so a scenario
 * can write data where every byte differs and a stale line shows.
 */
public final class PatternStream {
    private PatternStream() {
    }

    public static byte[] generate(long seed, long length) {
        if (length > Integer.MAX_VALUE - 8) {
            throw new org.dmasim.interpreter.builtins.CallError(null, "pattern() fills at most 2 GiB at once", null);
        }
        byte[] out = new byte[(int) length];
        long state = seed;
        for (int i = 0; i < out.length; i += 8) {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z = z ^ (z >>> 31);
            for (int k = 0; k < 8 && i + k < out.length; k++) {
                out[i + k] = (byte) (z >>> (8 * k));
            }
        }
        return out;
    }
}
