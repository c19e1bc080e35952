package org.dmasim.engine.cache;

import java.util.Arrays;

/**
 * A byte pattern repeated without end (what {@code expect ... == 0x5A} compares a read with),
 * held as a tile of whole periods at least {@value #TILE} bytes long so that a comparison is one
 * {@link Arrays#mismatch} per tile (word-wise, vectorised by the JIT) instead of a modulo per byte.
 */
public final class PatternTile {
    /** Bytes compared per {@link Arrays#mismatch} call when the pattern is shorter. */
    static final int TILE = 4096;

    private final int period;
    /** The pattern repeated a whole number of times: the pattern itself when it is at least a tile long. */
    private final byte[] tile;

    private PatternTile(int period, byte[] tile) {
        this.period = period;
        this.tile = tile;
    }

    /**
     * The tile of {@code pattern}; an empty pattern matches only empty data. A pattern of a tile
     * or more (a {@code pattern(seed)} stream as long as the read) is used as it is, not copied:
     * the caller leaves it unchanged while it compares.
     */
    public static PatternTile of(byte[] pattern) {
        int p = pattern.length;
        if (p == 0 || p >= TILE) {
            return new PatternTile(p, pattern);
        }
        byte[] tile = new byte[(TILE + p - 1) / p * p];
        for (int i = 0; i < tile.length; i += p) {
            System.arraycopy(pattern, 0, tile, i, p);
        }
        return new PatternTile(p, tile);
    }

    public int period() {
        return period;
    }

    /**
     * Whether {@code data[from, to)} equals the pattern repeated from position {@code position}
     * of the repetition on: byte {@code from + i} must be {@code pattern[(position + i) % period]}.
     */
    public boolean matches(byte[] data, int from, int to, long position) {
        if (period == 0) {
            return from == to;
        }
        int phase = (int) Math.floorMod(position, (long) period);
        for (int i = from; i < to; ) {
            int n = Math.min(to - i, tile.length - phase);
            if (Arrays.mismatch(data, i, i + n, tile, phase, phase + n) >= 0) {
                return false;
            }
            i += n;
            phase = 0; // the tile holds whole periods: the byte after it is at phase 0 again
        }
        return true;
    }

    /** Whether all of {@code data} equals the pattern repeated from position {@code position} on. */
    public boolean matches(byte[] data, long position) {
        return matches(data, 0, data.length, position);
    }
}
