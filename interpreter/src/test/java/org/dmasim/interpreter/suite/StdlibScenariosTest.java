package org.dmasim.interpreter.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.eval.Stdlib;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stdlib presets and libraries load and work, run through the suite runner. */
class StdlibScenariosTest {
    @TempDir
    Path dir;

    private ScenarioResult run(String name, String text) throws IOException {
        Path file = Files.writeString(dir.resolve(name), text);
        return new ScenarioSuite(ScenarioRunner.Options.defaults()).run(dir, file);
    }

    @Test
    void everyIndexedPresetDeclaresADevice() throws IOException {
        StringBuilder s = new StringBuilder("arch arm64\n");
        for (String preset : Stdlib.index("devices")) {
            s.append("device d_").append(preset).append(": ").append(preset).append(" { }\n");
        }
        s.append("device gpu: mali_panfrost { dma_mask: 48 }\nexpect clean\n");
        ScenarioResult r = run("presets.dma", s.toString());
        assertEquals(ScenarioResult.Status.PASSED, r.status(), r.output());
        assertEquals(7, Stdlib.index("devices").size());
    }

    @Test
    void receiveAndTransmitRingsFollowTheProtocol() throws IOException {
        ScenarioResult r = run("rings.dma", """
                arch arm64
                device nic { dma_mask: 64, coherent: false }
                import "rx_ring.dma"
                import "tx_ring.dma"
                let ring = rx_ring(nic, 2KiB)
                for s in ring { nic writes s.m = 0x5A }
                for s in ring {
                    rx_complete(s)
                    expect cpu reads s.buf[0..64] == 0x5A
                    rx_recycle(s)
                }
                for s in ring { rx_free(s) }
                for s in tx_ring(nic, 4KiB) {
                    cpu writes s.buf[0..64] = "frame"
                    let m = tx_submit(s)
                    expect nic reads m[0..60] == "frame"
                    tx_done(s, m)
                    tx_free(s)
                }
                expect clean
                """);
        assertEquals(ScenarioResult.Status.PASSED, r.status(), r.output());
        assertEquals(0, r.summary().warnings(), r.output());
    }

    @Test
    void aRingIsAListIndexedByFrameNumber() throws IOException {
        ScenarioResult r = run("ring-frames.dma", """
                arch arm64
                device nic { dma_mask: 64, coherent: false }
                import "rx_ring.dma"
                import "tx_ring.dma"
                let ring = rx_ring_of(nic, 2KiB, 3)
                expect len(ring) == 3
                for frame in 0..7 {
                    let s = rx_slot_for(ring, frame)
                    nic writes s.m = frame
                    rx_complete(s)
                    expect cpu reads s.buf[0..64] == frame
                    rx_recycle(s)
                }
                expect rx_slot_for(ring, 4) == ring[1]
                for s in ring { rx_free(s) }
                let tx = tx_ring_of(nic, 4KiB, 2)
                let s = tx_slot_for(tx, 5)
                expect s == tx[1]
                for t in tx { tx_free(t) }
                expect clean
                """);
        assertEquals(ScenarioResult.Status.PASSED, r.status(), r.output());
        assertEquals(0, r.summary().warnings(), r.output());
    }

    @Test
    void anImportedFunctionReportsPositionsInItsOwnFile() throws IOException {
        Files.writeString(dir.resolve("lib.dma"), "# a library\n\nfn check(x) {\n    expect x == 2\n}\n");
        ScenarioResult r = run("main.dma", "import \"lib.dma\"\ncheck(1)\n");
        assertEquals(ScenarioResult.Status.FAILED, r.status(), r.output());
        assertTrue(r.output().contains("lib.dma:4:5"), r.output());
        assertTrue(r.output().contains("expect x == 2"), r.output());
    }
}
