package org.dmasim.api;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One possible content of a {@link Segment}: its bytes, whether they are stale, and the witness.
 * The bytes are copied in and out, so the record stays immutable.
 *
 * @param bytes the segment's bytes in this alternative
 * @param stale whether they differ from the last value written in program order
 * @param witness the chain of events that produces them
 */
public record Alternative(byte[] bytes, boolean stale, String witness) {
    /** Copies the bytes. */
    public Alternative {
        bytes = bytes.clone();
        Objects.requireNonNull(witness, "witness");
    }

    /** A copy of the bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The byte at {@code index} (0 to 255), without copying. */
    public int byteAt(int index) {
        return bytes[index] & 0xff;
    }

    /** How many bytes. */
    public int length() {
        return bytes.length;
    }

    /** Equal bytes, staleness and witness. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Alternative a && a.stale == stale && Arrays.equals(a.bytes, bytes) && a.witness.equals(witness);
    }

    /** Consistent with {@link #equals}. */
    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(bytes), stale, witness);
    }

    /** The first bytes in hex, staleness and witness. */
    @Override
    public String toString() {
        int shown = Math.min(bytes.length, 16);
        return "Alternative[" + HexFormat.of().formatHex(bytes, 0, shown) + (shown < bytes.length ? "..." : "")
                + (stale ? " (stale)" : "") + ", " + witness + "]";
    }
}
