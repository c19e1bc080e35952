package org.dmasim.interpreter.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.dmasim.engine.Pulse;
import org.junit.jupiter.api.Test;

/** {@code pattern(seed)}: one stream whatever the length asked, made under the run's pulse. */
class PatternStreamTest {
    /** What a run's limit throws from its pulse. */
    private static final class Stop extends RuntimeException {
    }

    @Test
    void aShorterValueIsAPrefixOfALongerOne() {
        byte[] longer = PatternStream.generate(78, 10_000, Pulse.NONE);
        byte[] shorter = PatternStream.generate(78, 4099, Pulse.NONE);
        assertArrayEquals(Arrays.copyOf(longer, 4099), shorter);
    }

    @Test
    void beatsOncePerPageMadeSoALimitStopsAHugeValue() {
        int[] beats = {0};
        PatternStream.generate(1, 1 << 20, () -> beats[0]++);
        assertEquals((1 << 20) / 4096 - 1, beats[0]);
        // a pulse that stops after 16 pages stops the making of 64 MiB there
        int[] left = {16};
        assertThrows(Stop.class, () -> PatternStream.generate(1, 64 << 20, () -> {
            if (--left[0] < 0) {
                throw new Stop();
            }
        }));
    }

    /** No limit stops an allocation: a value over 64 MiB is refused before any array is made. */
    @Test
    void aValueOverTheMostOneWriteCoversIsRefusedBeforeItIsMade() {
        var refused = assertThrows(org.dmasim.interpreter.builtins.CallError.class,
                () -> PatternStream.generate(1, PatternStream.MAX_LENGTH + 1, () -> {
                    throw new AssertionError("made before it was refused");
                }));
        assertEquals("pattern() covers at most 64MiB in one write, not 64MiB + 1B"
                .replace("64MiB + 1B", org.dmasim.engine.Units.size(PatternStream.MAX_LENGTH + 1)), refused.getMessage());
        assertEquals(PatternStream.MAX_LENGTH, PatternStream.generate(1, PatternStream.MAX_LENGTH, Pulse.NONE).length);
    }
}
