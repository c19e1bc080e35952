package org.dmasim.interpreter.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.Session;
import org.dmasim.interpreter.eval.SilentListener;
import org.junit.jupiter.api.Test;

/**
 * A REPL entry that fails leaves the session as it was. One that failed before completing a
 * statement or a kernel call (a failing call undoes itself) changed nothing: the session keeps
 * its machine instead of replaying every earlier entry (which made a long session quadratic).
 * One that got further is undone by the replay.
 */
class FailedEntryTest {
    private static Session session() {
        Session s = new Session(ScenarioRunner.Options.defaults(), new SilentListener(), Path.of(""));
        assertTrue(s.eval("arch arm64\ndevice nic { dma_mask: 32, coherent: false }").ok());
        assertTrue(s.eval("let rx = alloc_pages(4KiB)\ncpu writes rx = 0x11").ok());
        return s;
    }

    @Test
    void anEntryThatFailsBeforeChangingAnythingNeedsNoReplay() {
        Session s = session();
        var machine = s.kernel().machine();
        long used = machine.budget().used();
        // fails inside its first kernel call (the offset is outside the buffer): the call undoes itself
        assertFalse(s.eval("cpu writes rx[8KiB..12KiB] = 0x22").ok());
        assertFalse(s.eval("let m = dma_map_single(nic, rx, 4096, 8KiB, DMA_FROM_DEVICE)").ok());
        assertSame(machine, s.kernel().machine(), "no replay on a new machine");
        assertEquals(used, machine.budget().used());
        assertTrue(s.eval("expect cpu reads rx[0..64] == 0x11").ok());
    }

    @Test
    void anEntryThatChangedSomethingBeforeFailingIsUndoneByTheReplay() {
        Session s = session();
        var machine = s.kernel().machine();
        assertFalse(s.eval("cpu writes rx = 0x33\ncpu writes rx[8KiB..12KiB] = 0x22").ok());
        assertNotSame(machine, s.kernel().machine(), "the replay rebuilt the session");
        assertTrue(s.eval("expect cpu reads rx[0..64] == 0x11").ok(), "the first statement of the failed entry is undone");
        assertFalse(s.globals().visibleNames().contains("m"));
    }

    @Test
    void anEntryStoppedByALimitInsideAKernelCallIsUndoneByTheReplay() {
        // the step budget stops the allocation half-way through its chunks: the call gives back what
        // it took, and the session replays its entries in case a call kept work it had done
        Session s = new Session(new ScenarioRunner.Options(null, java.time.Duration.ofSeconds(60), 3_000, false),
                new SilentListener(), Path.of(""));
        assertTrue(s.eval("arch arm64\nlet small = alloc_pages(4KiB)").ok());
        var machine = s.kernel().machine();
        long free = machine.allocator().freePages();
        var r = s.eval("let heap = dma_heap_alloc(4GiB)");
        assertFalse(r.ok());
        assertEquals(org.dmasim.interpreter.eval.Budget.STEPS, r.limit(), r.problems().toString());
        assertEquals(free, machine.allocator().freePages(), "the failed call gave its chunks back");
        assertNotSame(machine, s.kernel().machine(), "the replay rebuilt the session");
        assertEquals(free, s.kernel().machine().allocator().freePages());
    }

    @Test
    void anEntryThatRanOutOfMemoryBudgetHalfWayIsUndoneByTheReplay() {
        // fuzz finding "repl-state-changed": the TTM exporter moved the buffer out of VRAM for an
        // importer that cannot reach the BAR, then the importer's dma_map_sg ran out of memory budget
        Session s = new Session(ScenarioRunner.Options.defaults(), new SilentListener(), Path.of(""));
        assertTrue(s.eval("""
                machine { memory_budget: 64MiB }
                arch x86_64
                device gpu { dma_mask: 64, vram: 256MiB, driver: ttm, p2p: true, pci_switch: "sw0" }
                device cam { dma_mask: 32 }
                let bo = vram_alloc(gpu, 60MiB)
                let buf = dma_buf_export(gpu, bo)
                let c = dma_buf_attach(buf, cam)""").ok());
        var machine = s.kernel().machine();
        long free = machine.allocator().freePages();
        var r = s.eval("let t = dma_buf_map_attachment(c, DMA_TO_DEVICE)");
        assertFalse(r.ok());
        assertEquals(org.dmasim.engine.ScriptFault.MEMORY, r.limit(), r.problems().toString());
        assertNotSame(machine, s.kernel().machine(), "the replay rebuilt the session");
        assertEquals(free, s.kernel().machine().allocator().freePages(), "the system pages of the move are free again");
    }

    @Test
    void anEntryWhoseCallMappedAndThenWaitsForeverIsUndoneByTheReplay() {
        // fuzz finding "repl-state-changed": drm_gem_prime_import attaches and maps, then waits for a
        // kernel fence nobody signals (dma-buf.c maps before it waits): the mapping stayed in the session
        Session s = new Session(ScenarioRunner.Options.defaults(), new SilentListener(), Path.of(""));
        assertTrue(s.eval("""
                device nic { dma_mask: 24, iommu: true }
                let x = dma_heap_alloc(64)
                let fd = dma_buf_fd(x)
                dma_resv_add_fence(x, dma_fence_create(), DMA_RESV_USAGE_KERNEL)
                """).ok());
        var machine = s.kernel().machine();
        int mappings = machine.mappings().size();
        var r = s.eval("let o = drm_gem_prime_import(nic, fd)");
        assertFalse(r.ok());
        assertTrue(r.problems().toString().contains("would wait forever"), r.problems().toString());
        assertEquals(mappings + 1, machine.mappings().size(), "the import mapped before it waited");
        assertNotSame(machine, s.kernel().machine(), "the replay rebuilt the session");
        assertEquals(mappings, s.kernel().machine().mappings().size());
        assertEquals(0, s.kernel().machine().debug().entries().size());
    }
}
