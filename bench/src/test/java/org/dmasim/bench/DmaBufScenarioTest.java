package org.dmasim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The dma-buf benchmark scenario is a correct protocol: rounds raise no report and keep mapping. */
class DmaBufScenarioTest {
    @Test
    void roundsAreClean() {
        Scenarios.DmaBuf b = new Scenarios.DmaBuf();
        long first = b.round();
        for (int i = 0; i < 100; i++) {
            assertEquals(first, b.round());
        }
        assertEquals(0, b.reports());
    }
}
