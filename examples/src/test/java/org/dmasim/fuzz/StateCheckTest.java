package org.dmasim.fuzz;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The fuzzer's failed-entry checks hold dmasim to "a failed entry changes nothing" and know the
 * one designed exception: a call that did its work and then would wait forever keeps the work
 * (the REPL replays), as the kernel's dma_buf_map_attachment maps before it waits.
 */
class StateCheckTest {
    @Test
    void aCallThatMapsAndThenWaitsForeverIsNotAFinding() throws IOException {
        // campaign seed 2026120801 reported this golden as "failed-call-changed-machine" once the
        // REPL replayed such an entry
        String program = Files.readString(Path.of("src/test/golden/fuzz/prime-import-waits-forever.dma"));
        assertNull(StateCheck.check(program, new Stats()));
    }

    @Test
    void anEntryThatRanOutOfTimeLeavesTheNextFingerprintItsOwnTime() {
        // campaign seed 2026120804 "oracle-throws": the checker's fingerprint after a loop that ran
        // out of time walked the allocator against that loop's deadline, and threw
        String program = "device nic { dma_mask: 24 }\n"
                + "let w1 = 0; while w1 < (18446744073709551615) { kmalloc(10000); w1 = w1 + 1 }\n"
                + "print(reports())\n";
        assertNull(StateCheck.check(program, new Stats()));
    }
}
