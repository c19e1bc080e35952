package org.dmasim.fuzz;

import java.util.Locale;

/**
 * The integers generated programs use: mostly sizes and offsets a driver would pass, sometimes
 * the extremes that find overflow bugs (0, 1, page edges, 2^32, sizes near 2^63, -1), in the
 * spellings the language allows.
 */
final class Numbers {
    /** Sizes a driver passes. */
    static final long[] SENSIBLE = {64, 128, 256, 288, 512, 1024, 2048, 4096, 4096, 4096, 8192, 8192, 16384, 65536,
        1 << 20};
    /** Edges and overflows. */
    static final long[] EXTREME = {0, 1, 7, 4095, 4097, 4 << 20, (4 << 20) + 1, 8 << 20, 1L << 31, 1L << 32, (1L << 32) - 1,
        1L << 40, 1L << 62, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 4095, -1, -4096, -64};
    /** Offsets inside small objects. */
    static final long[] OFFSETS = {0, 0, 0, 1, 8, 32, 64, 100, 256, 2048, 4096};

    private Numbers() {
    }

    /** A size: {@code pick} chooses, {@code extreme} (out of 100) is the chance of an extreme one. */
    static long size(long pick, int extreme) {
        long p = Math.floorMod(pick, 1000);
        if (p % 100 < extreme) {
            return EXTREME[(int) (p / 100 + p) % EXTREME.length];
        }
        return SENSIBLE[(int) (p % SENSIBLE.length)];
    }

    static long offset(long pick) {
        return OFFSETS[(int) Math.floorMod(pick, OFFSETS.length)];
    }

    /** The {@code .dma} spelling of {@code v}: decimal, hex with separators, a size suffix, or a negation. */
    static String literal(long v, int style) {
        if (v < 0 && v > -1_000_000 && style % 3 != 0) {
            return "-" + (-v);
        }
        switch (Math.floorMod(style, 4)) {
            case 1 -> {
                String hex = Long.toHexString(v);
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < hex.length(); i++) {
                    if (i > 0 && (hex.length() - i) % 4 == 0) {
                        b.append('_');
                    }
                    b.append(hex.charAt(i));
                }
                return "0x" + b.toString().toUpperCase(Locale.ROOT);
            }
            case 2 -> {
                String[] suffixes = {"TiB", "GiB", "MiB", "KiB"};
                for (int i = 0; i < suffixes.length; i++) {
                    int shift = 40 - 10 * i;
                    if (v > 0 && v % (1L << shift) == 0) {
                        return (v >>> shift) + suffixes[i];
                    }
                }
                return Long.toUnsignedString(v);
            }
            default -> {
                return Long.toUnsignedString(v);
            }
        }
    }

    /** The JavaScript spelling: a number where it is exact, a BigInt beyond 2^53 (unsigned, as .dma reads it). */
    static String js(long v) {
        if (Math.abs(v) <= (1L << 53) && v != Long.MIN_VALUE) {
            return Long.toString(v);
        }
        return Long.toUnsignedString(v) + "n";
    }
}
