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
     * The most one write of a stream covers. The stream is made whole in one array before the
     * write, and no limit can stop the allocation: the first GiB a JVM touches took 5 to 9 s of
     * page faults on a loaded 2-core VM, 14 s past a 250 ms time limit (fuzz finding "overrun").
     * 64 MiB stays within the grace after the limit; the write itself goes on in pieces the
     * limits can stop.
     */
    public static final long MAX_LENGTH = 64L << 20;

    /**
     * {@code length} bytes of the stream; {@code pulse} beats every page made, so a run's limits
     * stop a write while its value is still being made, as they stop the write itself.
     */
    public static byte[] generate(long seed, long length, Pulse pulse) {
        if (length > MAX_LENGTH) {
            String most = org.dmasim.engine.Units.size(MAX_LENGTH);
            throw new org.dmasim.interpreter.builtins.CallError(null, "pattern() covers at most " + most
                    + " in one write, not " + org.dmasim.engine.Units.size(length), "write a larger range in slices of at "
                    + "most " + most + ", e.g. for i in 0..n { gpu writes bo[i * " + most + "..(i + 1) * " + most
                    + "] = pattern(seed + i) }");
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
