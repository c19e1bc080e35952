package org.dmasim.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The gc-pause rows count the collectors' pauses, never a concurrent collector's cycle. */
class PausesTest {
    @Test
    void pausesCountAndConcurrentCyclesDoNot() {
        for (String pause : new String[] {"end of minor GC", "end of major GC", "end of concurrent GC pause",
            "end of GC pause"}) {
            assertTrue(ScriptRows.Pauses.stopsTheWorld(pause), pause);
        }
        assertFalse(ScriptRows.Pauses.stopsTheWorld("end of GC cycle"), "ZGC's and Shenandoah's cycles");
    }
}
