package org.dmasim.engine.dmabuf;

import static org.dmasim.engine.At.at;
import static org.dmasim.engine.sync.DmaResvUsage.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.check.Report;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.check.Severity;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.sync.DmaFence;
import org.dmasim.engine.sync.WwAcquireCtx;
import org.junit.jupiter.api.Test;

/**
 * The reservation lock as lockdep checks it: include/linux/dma-resv.h (dma_resv_lock/unlock, and
 * dma_resv_reset_max_fences at unlock under CONFIG_DEBUG_MUTEXES), drivers/dma-buf/dma-resv.c
 * (dma_resv_assert_held in dma_resv_reserve_fences and dma_resv_add_fence, the BUG_ON on a missing
 * slot, WARN_ON(!num_fences)), kernel/locking/ww_mutex.h (-EALREADY for the same context).
 */
class ResvLocksTest {
    private final Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
    private final DmaBufLayer layer = k.dmaBuf();
    private final ResvLocks locks = layer.resvLocks();
    private final DmaBuf buf = layer.dmaHeapAlloc(4096, at(1));
    private final DmaFence f = new DmaFence("render");
    private final DmaFence g = new DmaFence("blit");

    private List<ReportCode> codes() {
        return k.reports().stream().map(Report::code).toList();
    }

    @Test
    void theDriversSequenceIsClean() {
        assertEquals(0, locks.lock(buf, null, at(2)));
        assertEquals(0, locks.reserveFences(buf, 2, at(3)));
        locks.addFence(buf, f, WRITE, at(4));
        locks.addFence(buf, g, WRITE, at(5));
        locks.unlock(buf, at(6));
        assertEquals(List.of(), codes());
        assertEquals(List.of(f, g), buf.resv().getFences(WRITE));
    }

    @Test
    void pendingFencesAreChargedAndAnAddPastTheBudgetChangesNothing() {
        Kernel small = new Kernel(ArchProfile.arm64(), MachineConfig.defaults().withMemoryBudget(1L << 20));
        ResvLocks l = small.dmaBuf().resvLocks();
        DmaBuf b = small.dmaBuf().dmaHeapAlloc(4096, at(1));
        assertEquals(0, l.lock(b, null, at(2)));
        List<DmaFence> added = new java.util.ArrayList<>();
        ScriptFault fault = null;
        try {
            while (added.size() < 100_000) {
                DmaFence next = new DmaFence("f" + added.size());
                l.reserveFences(b, 1, at(3));
                l.addFence(b, next, WRITE, at(4));
                added.add(next);
            }
        } catch (ScriptFault e) {
            fault = e;
        }
        assertTrue(fault != null && ScriptFault.MEMORY.equals(fault.limit()), String.valueOf(fault));
        assertTrue(added.size() > 1000, "fences added: " + added.size());
        assertEquals(added, b.resv().getFences(WRITE), "the failing add added nothing");
        assertEquals(List.of(), small.reports(), "and reported nothing");
        // a signalled entry's place is taken without more memory, wherever it is
        added.get(added.size() / 2).signal("5:1");
        DmaFence last = new DmaFence("last");
        l.addFence(b, last, WRITE, at(6));
        assertEquals(added.size(), b.resv().getFences(WRITE).size());
        assertTrue(b.resv().getFences(WRITE).contains(last));
    }

    @Test
    void withoutTheLockLockdepWarnsAndTheCallStillHappens() {
        assertEquals(0, locks.reserveFences(buf, 1, at(2)));
        locks.addFence(buf, f, WRITE, at(3));
        assertEquals(List.of(ReportCode.DMA_RESV_NOT_HELD, ReportCode.DMA_RESV_NOT_HELD), codes());
        assertEquals(List.of(f), buf.resv().getFences(WRITE));
        locks.unlock(buf, at(4));
        assertTrue(k.reports().get(2).message().startsWith("WARNING: bad unlock balance detected!"));
    }

    @Test
    void anAddWithoutAReservedSlotOopses() {
        locks.lock(buf, null, at(2));
        locks.addFence(buf, f, WRITE, at(3));
        assertEquals(List.of(ReportCode.DMA_RESV_NO_SLOT), codes());
        assertTrue(k.reports().get(0).message().contains("NULL pointer dereference"));
        assertEquals(Severity.ERROR, k.reports().get(0).severity());
        // the fence is there anyway
        assertEquals(List.of(f), buf.resv().getFences(WRITE));
    }

    @Test
    void unlockForgetsTheSlotsNotUsed() {
        locks.lock(buf, null, at(2));
        locks.reserveFences(buf, 1, at(3));
        locks.unlock(buf, at(4));
        locks.lock(buf, null, at(5));
        locks.addFence(buf, f, WRITE, at(6));
        assertEquals(List.of(ReportCode.DMA_RESV_NO_SLOT), codes());
        assertTrue(k.reports().get(0).message().contains("BUG_ON(fobj->num_fences >= fobj->max_fences)"));
        // a signalled entry is a slot: no reservation needed to replace it
        f.signal("7:1");
        locks.addFence(buf, g, WRITE, at(8));
        assertEquals(1, k.reports().size());
    }

    @Test
    void reservingNothingIsEinval() {
        locks.lock(buf, null, at(2));
        assertEquals(ResvLocks.EINVAL, locks.reserveFences(buf, 0, at(3)));
        assertEquals(List.of(ReportCode.DMABUF_EINVAL), codes());
    }

    @Test
    void aSecondLockDeadlocksWithoutAContextAndIsEalreadyWithOne() {
        locks.lock(buf, null, at(2));
        locks.lock(buf, null, at(3));
        assertEquals(List.of(ReportCode.DMA_RESV_DEADLOCK), codes());
        locks.unlock(buf, at(4));
        WwAcquireCtx ctx = new WwAcquireCtx("ctx");
        assertEquals(0, locks.lock(buf, ctx, at(5)));
        assertEquals(ResvLocks.EALREADY, locks.lock(buf, ctx, at(6)));
        assertFalse(locks.trylock(buf, at(7)));
        locks.acquireFini(ctx, at(8));
        assertEquals(List.of(ReportCode.DMA_RESV_DEADLOCK, ReportCode.DMA_RESV_NOT_HELD), codes());
        locks.unlock(buf, at(9));
        assertEquals(0, ctx.acquired());
        assertTrue(locks.trylock(buf, at(10)));
    }

    /**
     * drivers/dma-buf/dma-buf.c: dma_buf_dynamic_attach() and dma_buf_detach() take
     * dma_resv_lock(dmabuf->resv, NULL) themselves around the attachment list, so a caller holding
     * the lock deadlocks; dma_buf_begin/end_cpu_access() call might_lock() on it (lockdep's report).
     * Each is DMA_RESV_DEADLOCK at the call, and the call still happens; without the lock, nothing.
     */
    @Test
    void callsThatLockTheReservationThemselvesDeadlockUnderIt() {
        Device cam = k.addDevice(DeviceConfig.named("cam"), at(1));
        Attachment a = layer.dmaBufAttach(buf, cam, false, false, at(2)).value();
        layer.dmaBufDetach(buf, a, at(3));
        assertEquals(List.of(), codes());
        locks.lock(buf, null, at(4));
        Attachment b = layer.dmaBufAttach(buf, cam, true, false, at(5)).value();
        assertEquals(List.of(b), buf.attachments());
        layer.dmaBufBeginCpuAccess(buf, Direction.DMA_FROM_DEVICE, at(6));
        layer.dmaBufEndCpuAccess(buf, Direction.DMA_FROM_DEVICE, at(7));
        layer.dmaBufDetach(buf, b, at(8));
        assertEquals(List.of(), buf.attachments());
        assertEquals(List.of(ReportCode.DMA_RESV_DEADLOCK, ReportCode.DMA_RESV_DEADLOCK, ReportCode.DMA_RESV_DEADLOCK,
                ReportCode.DMA_RESV_DEADLOCK), codes());
        assertTrue(k.reports().get(0).message().startsWith("dma_buf_dynamic_attach of "), k.reports().get(0).message());
        assertTrue(k.reports().get(0).message().contains("takes dma_resv_lock(dmabuf->resv, NULL) itself"));
        assertTrue(k.reports().get(1).message().contains("might_lock()"));
        assertEquals(Severity.ERROR, k.reports().get(3).severity());
        locks.unlock(buf, at(9));
        assertFalse(buf.resv().held());
    }
}
