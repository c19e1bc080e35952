package org.dmasim.engine.dmabuf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The benchmark scenario is a correct protocol: rounds raise no report and keep mapping. */
class DmaBufBenchTest {
    @Test
    void roundsAreClean() {
        DmaBufBench b = new DmaBufBench();
        long first = b.round();
        for (int i = 0; i < 100; i++) {
            assertEquals(first, b.round());
        }
        assertEquals(0, b.reports());
    }
}
