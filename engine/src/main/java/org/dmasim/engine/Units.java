package org.dmasim.engine;

/** How reports print sizes ({@code 4KiB}) and physical addresses ({@code 0x1_ffff_f000}). */
public final class Units {
    private Units() {
    }

    /** {@code 4096 -> "4KiB"}, {@code 65 -> "65B"}: the script's own size syntax. */
    /**
     * {@code [offset, offset+length)}; a sum past 2^63 stays written as one ({@code [1, 1 + 9223372036854775807)})
     * rather than wrapping to a negative end.
     */
    public static String range(long offset, long length) {
        long end = offset + length;
        boolean wraps = ((offset ^ end) & (length ^ end)) < 0;
        return "[" + offset + ", " + (wraps ? offset + " + " + length : Long.toString(end)) + ")";
    }

    public static String size(long bytes) {
        String[] suffix = {"GiB", "MiB", "KiB"};
        long[] unit = {1L << 30, 1L << 20, 1L << 10};
        for (int i = 0; i < unit.length; i++) {
            if (bytes != 0 && bytes % unit[i] == 0) {
                return (bytes / unit[i]) + suffix[i];
            }
        }
        return bytes + "B";
    }

    /** Hex with a {@code _} every four digits, like the script's integer literals. */
    public static String hex(long value) {
        String digits = Long.toHexString(value);
        StringBuilder b = new StringBuilder();
        int first = digits.length() % 4;
        if (first > 0) {
            b.append(digits, 0, first);
        }
        for (int i = first; i < digits.length(); i += 4) {
            if (b.length() > 0) {
                b.append('_');
            }
            b.append(digits, i, i + 4);
        }
        return "0x" + b;
    }

    /** {@code 0x%016llx}, as dma-debug prints device addresses. */
    public static String hex16(long value) {
        String digits = Long.toHexString(value);
        return "0x" + "0".repeat(16 - digits.length()) + digits;
    }
}
