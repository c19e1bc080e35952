package org.dmasim.engine.dmabuf;

import static org.dmasim.engine.At.at;
import static org.dmasim.engine.sync.DmaResvUsage.BOOKKEEP;
import static org.dmasim.engine.sync.DmaResvUsage.KERNEL;
import static org.dmasim.engine.sync.DmaResvUsage.READ;
import static org.dmasim.engine.sync.DmaResvUsage.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.check.Report;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.sync.DmaFence;
import org.dmasim.engine.sync.SyncFile;
import org.junit.jupiter.api.Test;

/**
 * The reservation object of a dma-buf and the implicit waits around it (drivers/dma-buf/dma-buf.c):
 * which fences begin_cpu_access, DMA_BUF_IOCTL_SYNC and a static importer's map wait for, and the
 * EXPORT_SYNC_FILE / IMPORT_SYNC_FILE ioctls with their flag checks.
 */
class ImplicitSyncTest {
    private final Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
    private final DmaBufLayer layer = k.dmaBuf();
    private final ImplicitSync sync = layer.implicitSync();
    private final DmaBuf buf = layer.dmaHeapAlloc(4096, at(1));
    private final int fd = layer.dmaBufFd(buf, at(2));
    private final DmaFence kernel = new DmaFence("move");
    private final DmaFence write = new DmaFence("render");
    private final DmaFence read = new DmaFence("scanout");
    private final DmaFence bookkeep = new DmaFence("preempt");

    /** As a driver adds fences: under dma_resv_lock, with the slots reserved first. */
    private void addAll() {
        layer.resvLocks().lock(buf, null, at(3));
        layer.resvLocks().reserveFences(buf, 4, at(3));
        sync.dmaResvAddFence(buf, kernel, KERNEL, at(3));
        sync.dmaResvAddFence(buf, write, WRITE, at(4));
        sync.dmaResvAddFence(buf, read, READ, at(5));
        sync.dmaResvAddFence(buf, bookkeep, BOOKKEEP, at(6));
        layer.resvLocks().unlock(buf, at(6));
    }

    private Report last() {
        return k.reports().get(k.reports().size() - 1);
    }

    @Test
    void theFacadeReadsTheBuffersReservationObject() {
        addAll();
        assertEquals(List.of(kernel, write), sync.dmaResvGetFences(buf, WRITE, at(7)));
        assertEquals(List.of(kernel, write, read), sync.dmaResvWaitTimeout(buf, READ, at(7)));
        assertFalse(sync.dmaResvTestSignaled(buf, KERNEL, at(7)));
        kernel.signal("8:1");
        assertTrue(sync.dmaResvTestSignaled(buf, KERNEL, at(9)));
        assertTrue(k.reports().isEmpty(), k.reports()::toString);
    }

    @Test
    void aCpuReadWaitsForWritersAndACpuWriteForReadersToo() {
        addAll();
        assertEquals(List.of(kernel, write), sync.beginCpuAccessFences(buf, Direction.DMA_FROM_DEVICE));
        assertEquals(List.of(kernel, write, read), sync.beginCpuAccessFences(buf, Direction.DMA_TO_DEVICE));
        assertEquals(List.of(kernel, write, read), sync.beginCpuAccessFences(buf, Direction.DMA_BIDIRECTIONAL));
    }

    @Test
    void syncStartWaitsLikeBeginCpuAccessAndEndWaitsForNothing() {
        addAll();
        assertEquals(List.of(kernel, write), sync.syncIoctlFences(fd, 1));
        assertEquals(List.of(kernel, write, read), sync.syncIoctlFences(fd, 2));
        assertEquals(List.of(kernel, write, read), sync.syncIoctlFences(fd, 3));
        for (long end : new long[] {5, 6, 7}) {
            assertEquals(List.of(), sync.syncIoctlFences(fd, end));
        }
    }

    @Test
    void onlyAStaticImporterWaitsForTheKernelFencesWhenItMaps() {
        Device nic = k.addDevice(new DeviceConfig("nic", 64, 64, false, false, 0, false, false, 0, null, false,
                "migrate", null), at(1));
        addAll();
        Attachment stat = layer.dmaBufAttach(buf, nic, false, false, at(7)).value();
        Attachment dyn = layer.dmaBufAttach(buf, nic, true, false, at(8)).value();
        assertEquals(List.of(kernel), sync.mapAttachmentFences(stat));
        assertEquals(List.of(), sync.mapAttachmentFences(dyn));
    }

    @Test
    void exportSyncFileHoldsWhatACpuAccessOfThatKindWouldWaitFor() {
        addAll();
        SyncFile r = sync.dmaBufExportSyncFile(fd, 1, at(7)).value();
        assertEquals(List.of(kernel, write), r.fences());
        SyncFile w = sync.dmaBufExportSyncFile(fd, 2, at(8)).value();
        assertEquals(List.of(kernel, write, read), w.fences());
        assertEquals(List.of(kernel, write, read), sync.dmaBufExportSyncFile(fd, 3, at(9)).value().fences());
        kernel.signal("10:1");
        write.signal("10:1");
        SyncFile stub = sync.dmaBufExportSyncFile(fd, 1, at(11)).value();
        assertTrue(stub.fences().isEmpty() && stub.isSignaled(), "nothing pending: the signalled stub fence");
        assertTrue(r.isSignaled(), "a sync file's fences are fixed when it is made");
        assertTrue(k.reports().isEmpty(), k.reports()::toString);
    }

    @Test
    void importSyncFileAddsItsFencesAsWritersOrReaders() {
        SyncFile sf = new SyncFile(List.of(write), "sf");
        assertEquals(0, sync.dmaBufImportSyncFile(fd, 2, sf, at(3)));
        assertEquals(List.of(write), sync.dmaResvGetFences(buf, WRITE, at(4)));
        SyncFile rf = new SyncFile(List.of(read), "rf");
        assertEquals(0, sync.dmaBufImportSyncFile(fd, 1, rf, at(5)));
        assertEquals(List.of(write), sync.dmaResvGetFences(buf, WRITE, at(6)), "a READ import is a reader");
        assertEquals(List.of(write, read), sync.dmaResvGetFences(buf, READ, at(6)));
        DmaFence both = new DmaFence("both");
        assertEquals(0, sync.dmaBufImportSyncFile(fd, 3, new SyncFile(List.of(both), "bf"), at(7)));
        assertEquals(List.of(write, both), sync.dmaResvGetFences(buf, WRITE, at(8)), "RW imports as a writer");
        assertTrue(k.reports().isEmpty(), k.reports()::toString);
    }

    @Test
    void bothSyncFileIoctlsRejectFlagsOutsideRwAndWithoutReadOrWrite() {
        SyncFile sf = new SyncFile(List.of(write), "sf");
        for (long flags : new long[] {0, 4, 8 | 1, 1L << 40}) {
            int before = k.reports().size();
            assertEquals(Errno.EINVAL, sync.dmaBufExportSyncFile(fd, flags, at(3)).errno());
            assertEquals(Errno.EINVAL, sync.dmaBufImportSyncFile(fd, flags, sf, at(4)));
            assertEquals(before + 2, k.reports().size());
            assertEquals(ReportCode.DMABUF_EINVAL, last().code());
        }
        assertEquals("DMA_BUF_IOCTL_IMPORT_SYNC_FILE on fd 3 with flags 0x10000000000: bits outside "
                + "DMA_BUF_SYNC_RW (0x3), -EINVAL", last().message());
        sync.dmaBufExportSyncFile(fd, 4, at(5));
        assertEquals("DMA_BUF_IOCTL_EXPORT_SYNC_FILE on fd 3 with flags 0x4: bits outside DMA_BUF_SYNC_RW (0x3), "
                + "-EINVAL", last().message());
        sync.dmaBufExportSyncFile(fd, 0, at(5));
        assertEquals("DMA_BUF_IOCTL_EXPORT_SYNC_FILE on fd 3 with flags 0x0: neither DMA_BUF_SYNC_READ nor "
                + "DMA_BUF_SYNC_WRITE, -EINVAL", last().message());
        assertEquals(List.of(), sync.dmaResvGetFences(buf, BOOKKEEP, at(6)), "a failed import adds nothing");
    }

    @Test
    void importWithoutASyncFileIsEinvalAndAnFdThatIsNoDmaBufIsEbadf() {
        assertEquals(Errno.EINVAL, sync.dmaBufImportSyncFile(fd, 1, null, at(3)));
        assertEquals(ReportCode.DMABUF_EINVAL, last().code());
        assertEquals("DMA_BUF_IOCTL_IMPORT_SYNC_FILE on fd 3: the argument is not a sync file "
                + "(sync_file_get_fence() returns NULL), -EINVAL", last().message());
        int before = k.reports().size();
        assertEquals(Errno.EBADF, sync.dmaBufExportSyncFile(fd + 1, 1, at(4)).errno());
        assertEquals(Errno.EBADF, sync.dmaBufImportSyncFile(fd + 1, 1, new SyncFile(List.of(), "s"), at(5)));
        assertEquals(before, k.reports().size());
        assertNull(sync.dmaBufExportSyncFile(fd + 1, 1, at(4)).value());
    }

    @Test
    void theReservationObjectOfAReleasedDmaBufIsAUseAfterFree() {
        layer.resvLocks().lock(buf, null, at(3));
        layer.resvLocks().reserveFences(buf, 1, at(3));
        sync.dmaResvAddFence(buf, write, WRITE, at(3));
        layer.resvLocks().unlock(buf, at(3));
        DmaBuf heap = layer.dmaHeapAlloc(4096, at(4));
        layer.dmaBufPut(heap, at(5));
        sync.dmaResvAddFence(heap, write, WRITE, at(6));
        assertEquals(ReportCode.USE_AFTER_FREE, last().code());
        assertEquals("dma_resv_add_fence of " + heap.label() + " after its last reference was dropped",
                last().message());
        assertEquals(List.of(), sync.dmaResvGetFences(heap, READ, at(7)));
        assertTrue(sync.dmaResvTestSignaled(heap, READ, at(8)));
        assertEquals(3, k.reports().size());
    }
}
