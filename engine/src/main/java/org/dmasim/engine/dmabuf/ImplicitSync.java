package org.dmasim.engine.dmabuf;

import java.util.List;
import org.dmasim.engine.Site;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.sync.DmaFence;
import org.dmasim.engine.sync.DmaResvUsage;
import org.dmasim.engine.sync.SyncFile;

/**
 * The reservation object of each dma-buf as drivers and user space use it (drivers/dma-buf/
 * dma-resv.c, dma-buf.c): {@code dma_resv_*} on a dma-buf's resv, the fences that the implicit
 * waits of {@code dma_buf_begin_cpu_access}, {@code DMA_BUF_IOCTL_SYNC} START and a static
 * importer's {@code dma_buf_map_attachment} wait for, and the sync-file ioctls that connect
 * implicit and explicit synchronisation. The engine never waits: it names the fences (the wait
 * sets hold those already signalled too, see DmaResv#waitFences), and the caller blocks on them.
 */
public final class ImplicitSync {
    /** include/uapi/linux/dma-buf.h. */
    private static final long DMA_BUF_SYNC_WRITE = 2;
    private static final long DMA_BUF_SYNC_RW = 3;
    private static final long DMA_BUF_SYNC_END = 4;

    private final DmaBufLayer layer;

    ImplicitSync(DmaBufLayer layer) {
        this.layer = layer;
    }

    /**
     * {@code dma_resv_add_fence(buf->resv, f, usage)} as a driver calls it: under
     * {@code dma_resv_lock} with a slot reserved by {@code dma_resv_reserve_fences}.
     */
    public void dmaResvAddFence(DmaBuf b, DmaFence f, DmaResvUsage usage, Site site) {
        if (layer.alive(b, "dma_resv_add_fence", site)) {
            layer.resvLocks().addFence(b, f, usage, site);
        }
    }

    /** {@code dma_resv_get_fences(buf->resv, usage)}: the pending fences up to {@code usage}. */
    public List<DmaFence> dmaResvGetFences(DmaBuf b, DmaResvUsage usage, Site site) {
        return fences(b, usage, "dma_resv_get_fences", site);
    }

    /** {@code dma_resv_test_signaled(buf->resv, usage)}. */
    public boolean dmaResvTestSignaled(DmaBuf b, DmaResvUsage usage, Site site) {
        return fences(b, usage, "dma_resv_test_signaled", site).isEmpty();
    }

    /**
     * The fences {@code dma_resv_wait_timeout(buf->resv, usage, ...)} waits for, one after the
     * other ({@link org.dmasim.engine.sync.DmaResv#waitFences}: those already signalled too).
     */
    public List<DmaFence> dmaResvWaitTimeout(DmaBuf b, DmaResvUsage usage, Site site) {
        return layer.alive(b, "dma_resv_wait_timeout", site) ? b.resv().waitFences(usage) : List.of();
    }

    /** A released buffer's resv is gone (dma_resv_fini): reported, and it has no fences. */
    private List<DmaFence> fences(DmaBuf b, DmaResvUsage usage, String what, Site site) {
        return layer.alive(b, what, site) ? b.resv().getFences(usage) : List.of();
    }

    // ---- the implicit waits

    /**
     * dma-buf.c dma_buf_begin_cpu_access(): the exporter's {@code begin_cpu_access} runs first;
     * only when it returned 0 does __dma_buf_begin_cpu_access() wait on
     * {@code dma_resv_usage_rw(write)}, where a write is DMA_BIDIRECTIONAL or DMA_TO_DEVICE: a CPU
     * write waits for every read and write fence, a CPU read for the write (and kernel) fences.
     */
    public List<DmaFence> beginCpuAccessFences(DmaBuf b, Direction dir) {
        boolean write = dir == Direction.DMA_BIDIRECTIONAL || dir == Direction.DMA_TO_DEVICE;
        return b.resv().waitFences(DmaResvUsage.rw(write));
    }

    /**
     * What a successful {@code DMA_BUF_IOCTL_SYNC} waits for (dma-buf.c dma_buf_ioctl()): START
     * is dma_buf_begin_cpu_access() with DMA_BUF_SYNC_WRITE meaning a write (TO_DEVICE or
     * BIDIRECTIONAL), END is dma_buf_end_cpu_access(), which waits for nothing.
     */
    public List<DmaFence> syncIoctlFences(int fd, long flags) {
        DmaBuf b = layer.file(fd);
        if (b == null || (flags & DMA_BUF_SYNC_END) != 0) {
            return List.of();
        }
        return b.resv().waitFences(DmaResvUsage.rw((flags & DMA_BUF_SYNC_WRITE) != 0));
    }

    /**
     * dma-buf.c dma_buf_map_attachment(): after the exporter's {@code map_dma_buf}, "Importers
     * with static attachments don't wait for fences" of their own, so the core waits for the
     * DMA_RESV_USAGE_KERNEL fences (a move or clear still running); dynamic importers must wait
     * themselves.
     */
    public List<DmaFence> mapAttachmentFences(Attachment a) {
        return a.dynamic() ? List.of() : a.dmabuf().resv().waitFences(DmaResvUsage.KERNEL);
    }

    // ---- DMA_BUF_IOCTL_EXPORT_SYNC_FILE / IMPORT_SYNC_FILE

    /**
     * dma-buf.c dma_buf_export_sync_file(): flags must be a non-empty subset of
     * DMA_BUF_SYNC_RW (-EINVAL otherwise); the sync file holds
     * {@code dma_resv_get_singleton(resv, dma_resv_usage_rw(flags & WRITE))}: the pending fences a
     * CPU access of that kind would wait for, or the signalled stub when there are none.
     */
    public Ret<SyncFile> dmaBufExportSyncFile(int fd, long flags, Site site) {
        String what = "DMA_BUF_IOCTL_EXPORT_SYNC_FILE on fd " + fd;
        DmaBuf b = layer.file(fd);
        if (b == null || !layer.alive(b, what, site)) {
            return Ret.err(Errno.EBADF);
        }
        if (!flagsValid(what, flags, site)) {
            return Ret.err(Errno.EINVAL);
        }
        List<DmaFence> fences = b.resv().getFences(DmaResvUsage.rw((flags & DMA_BUF_SYNC_WRITE) != 0));
        return Ret.ok(new SyncFile(fences, "sync_file exported from " + b.label()));
    }

    /**
     * dma-buf.c dma_buf_import_sync_file(): the same flag checks; a missing sync file is -EINVAL
     * (sync_file_get_fence() returns NULL); then every fence of it (dma_fence_unwrap_for_each)
     * is added with DMA_RESV_USAGE_WRITE when the flags hold DMA_BUF_SYNC_WRITE, else
     * DMA_RESV_USAGE_READ (not dma_resv_usage_rw: the imported fences are the accesses).
     */
    public int dmaBufImportSyncFile(int fd, long flags, SyncFile sf, Site site) {
        String what = "DMA_BUF_IOCTL_IMPORT_SYNC_FILE on fd " + fd;
        DmaBuf b = layer.file(fd);
        if (b == null || !layer.alive(b, what, site)) {
            return Errno.EBADF;
        }
        if (!flagsValid(what, flags, site)) {
            return Errno.EINVAL;
        }
        if (sf == null) {
            layer.report(ReportCode.DMABUF_EINVAL, what + ": the argument is not a sync file "
                    + "(sync_file_get_fence() returns NULL), -EINVAL", site,
                    "pass what sync_file_create() or dma_buf_export_sync_file() returned; did that call fail?");
            return Errno.EINVAL;
        }
        DmaResvUsage usage = (flags & DMA_BUF_SYNC_WRITE) != 0 ? DmaResvUsage.WRITE : DmaResvUsage.READ;
        // dma-buf.c dma_buf_import_sync_file(): dma_resv_lock, dma_resv_reserve_fences(num_fences),
        // dma_resv_add_fence each, dma_resv_unlock (which forgets unused slots)
        b.resv().requireRoom(sf.fences().size(), layer.machine().budget());
        b.resv().reserve(Math.max(1, sf.fences().size()));
        for (DmaFence f : sf.fences()) {
            b.resv().addFence(f, usage, layer.machine().budget());
        }
        b.resv().resetMaxFences();
        return 0;
    }

    /** Both ioctls: {@code flags & ~DMA_BUF_SYNC_RW} or no READ/WRITE bit is -EINVAL. */
    private boolean flagsValid(String what, long flags, Site site) {
        String help = "pass DMA_BUF_SYNC_READ, DMA_BUF_SYNC_WRITE or DMA_BUF_SYNC_RW (START and END belong to "
                + "DMA_BUF_IOCTL_SYNC)";
        if ((flags & ~DMA_BUF_SYNC_RW) != 0) {
            layer.report(ReportCode.DMABUF_EINVAL, what + " with flags 0x" + Long.toHexString(flags)
                    + ": bits outside DMA_BUF_SYNC_RW (0x3), -EINVAL", site, help);
            return false;
        }
        if ((flags & DMA_BUF_SYNC_RW) == 0) {
            layer.report(ReportCode.DMABUF_EINVAL, what + " with flags 0x" + Long.toHexString(flags)
                    + ": neither DMA_BUF_SYNC_READ nor DMA_BUF_SYNC_WRITE, -EINVAL", site, help);
            return false;
        }
        return true;
    }
}
