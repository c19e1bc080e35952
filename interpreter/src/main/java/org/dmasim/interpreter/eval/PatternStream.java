package org.dmasim.interpreter.eval;

import org.dmasim.engine.Pulse;

/**
 * {@code pattern(seed)}: a deterministic pseudo-random byte stream (splitmix64), so a scenario
 * can write data where every byte differs and a stale line shows.
 */
public final class PatternStream {
    private PatternStream() {
    }

    /**
     * {@code length} bytes of the stream; {@code pulse} beats every page made, so a run's limits
     * stop a write of gigabytes while its value is still being made, as they stop the write itself.
     */
    public static byte[] generate(long seed, long length, Pulse pulse) {
        if (length > Integer.MAX_VALUE - 8) {
            throw new org.dmasim.interpreter.builtins.CallError(null, "pattern() fills at most 2 GiB at once", null);
        }
        byte[] out = new byte[(int) length];
        long state = seed;
        for (int i = 0; i < out.length; i += 8) {
            if ((i & 4095) == 0 && i > 0) {
                pulse.beat();
            }
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
