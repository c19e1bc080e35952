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
}
