package org.dmasim.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A read by the CPU or a device, with every value the hardware could return: {@code outcomes}
 * as dmasim prints them (each with its witness), and the exact {@code segments} behind them.
 *
 * @param position where the read is in the script
 * @param source the read's text ({@code cpu reads rx[0..64]})
 * @param length how many bytes were read
 * @param outcomes every possible value, as printed (at least one)
 * @param segments the read split into independent stretches, each with its possible contents
 * @param note a remark printed under the outcomes (independent cache lines that may mix), or null
 * @param text what {@code dmasim run} prints for the read
 */
public record Read(Position position, String source, long length, List<Outcome> outcomes, List<Segment> segments,
        String note, String text) implements Event {
    /** Copies the lists. */
    public Read {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(source, "source");
        outcomes = List.copyOf(outcomes);
        segments = List.copyOf(segments);
        Objects.requireNonNull(text, "text");
    }

    /** Whether the read has exactly one possible value. */
    public boolean certain() {
        return segments.stream().allMatch(Segment::certain);
    }

    /** Whether some possible value is stale (differs from the latest value written in program order). */
    public boolean stale() {
        return outcomes.stream().anyMatch(Outcome::stale);
    }

    /** The one possible value of a certain read, or empty when the read could return several. */
    public Optional<byte[]> certainValue() {
        if (!certain() || length > Integer.MAX_VALUE - 8) {
            return Optional.empty();
        }
        byte[] out = new byte[(int) length];
        for (Segment s : segments) {
            System.arraycopy(s.alternatives().get(0).bytes(), 0, out, (int) s.offset(), s.length());
        }
        return Optional.of(out);
    }

    /**
     * Whether every possible value is {@code pattern} repeated over the read, like the language's
     * {@code expect read == pattern}.
     *
     * @param pattern bytes 0 to 255, e.g. {@code always(0x5a)}
     */
    public boolean always(int... pattern) {
        byte[] p = bytes(pattern);
        return segments.stream().allMatch(s -> s.alternatives().stream().allMatch(a -> matches(a, s.offset(), p)));
    }

    /** Whether some possible value is {@code pattern} repeated over the read (the language's {@code sometimes}). */
    public boolean sometimes(int... pattern) {
        byte[] p = bytes(pattern);
        return segments.stream().allMatch(s -> s.alternatives().stream().anyMatch(a -> matches(a, s.offset(), p)));
    }

    /** Whether no possible value is {@code pattern} repeated over the read (the language's {@code never}). */
    public boolean never(int... pattern) {
        return !sometimes(pattern);
    }

    private static boolean matches(Alternative a, long offset, byte[] pattern) {
        for (int i = 0; i < a.length(); i++) {
            if ((byte) a.byteAt(i) != pattern[(int) ((offset + i) % pattern.length)]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(int[] pattern) {
        if (pattern.length == 0) {
            throw new IllegalArgumentException("a pattern has at least one byte");
        }
        byte[] out = new byte[pattern.length];
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i] < 0 || pattern[i] > 0xff) {
                throw new IllegalArgumentException("not a byte: " + pattern[i]);
            }
            out[i] = (byte) pattern[i];
        }
        return out;
    }
}
