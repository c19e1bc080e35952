package org.dmasim.engine.dma;

import static org.dmasim.engine.At.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.Gfp;
import org.dmasim.engine.memory.ShmemObject;
import org.junit.jupiter.api.Test;

/**
 * A call that touches a range of a shmem object whose pages are not all present, when the machine
 * has fewer free pages than the range lacks, fails before it faults any page in. It used to fault
 * the first page in (zeroing it: dirty lines over what the page held before, a freed buffer's
 * data) and fail at the second; the undo freed the page but left the zeroing (found by the
 * fuzzer's REPL state check: {@code sg_table(s1)} after the machine ran out of pages).
 */
class ShmemFaultInTest {
    /** A machine with exactly one free page, which held a freed buffer's dirty line; the shmem object has two pages, none present. */
    private record Full(Kernel k, ShmemObject s) {
        static Full make() {
            Kernel k = new Kernel(ArchProfile.x86_64(), MachineConfig.defaults().withRam(64L << 20).withSwiotlb(0));
            ShmemObject s = k.shmem(8192, Gfp.GFP_HIGHUSER, at(1));
            Buffer b = k.allocPages(4096, Gfp.GFP_KERNEL, at(2));
            k.cpuWrite(b, 0, 7, new byte[] {30}, at(3));
            while (k.machine().allocator().freePages() > 0) {
                assertNotNull(k.allocPages(4096, Gfp.GFP_KERNEL, at(4)));
            }
            k.freePages(b, at(5));
            assertEquals(1, k.machine().allocator().freePages());
            return new Full(k, s);
        }

        String state() {
            var m = k.machine();
            return "dirty=" + m.cache().dirtyLines() + " budget=" + m.budget().used() + " free="
                    + m.allocator().freePages() + " top=" + m.allocator().peekHighest(1, Long.MAX_VALUE);
        }
    }

    private static void failsAndChangesNothing(String what, Consumer<Full> call) {
        Full f = Full.make();
        String before = f.state();
        ScriptFault e = assertThrows(ScriptFault.class, () -> f.k().machine().atomically(() -> {
            call.accept(f);
            return null;
        }), what);
        assertEquals(before, f.state(), what + " changed the machine");
        assertTrue(!f.s().present(0) && !f.s().present(4096), what + " left a page faulted in");
        assertTrue(e.getMessage().contains("needs 2 more pages, the machine has 1 free"), what + ": " + e.getMessage());
    }

    @Test
    void anSgTableOfTheWholeObject() {
        failsAndChangesNothing("sg_table(s)", f -> f.k().sgTable(f.s(), 0, 8192, at(6)));
    }

    @Test
    void anSgTableOfAListHoldingIt() {
        failsAndChangesNothing("sg_table([s])", f -> f.k().sgTable(List.of(new SgTable.Entry(f.s(), 0, 8192)), at(6)));
    }

    @Test
    void aCpuWriteAndACpuRead() {
        failsAndChangesNothing("cpu writes s", f -> f.k().cpuWrite(f.s(), 0, 8192, new byte[] {77}, at(6)));
        failsAndChangesNothing("cpu reads s", f -> f.k().cpuRead(f.s(), 0, 8192, false, at(6)));
    }

    @Test
    void aRangeWithinTheFreePagesStillFaultsIn() {
        Full f = Full.make();
        f.k().cpuWrite(f.s(), 4096, 10, new byte[] {77}, at(6));
        assertTrue(f.s().present(4096) && !f.s().present(0));
        assertEquals(0, f.k().machine().allocator().freePages());
    }
}
