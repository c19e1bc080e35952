package org.dmasim.interpreter.builtins;

import java.util.List;
import org.dmasim.engine.dmabuf.Errno;
import org.dmasim.engine.memory.Gfp;
import org.dmasim.engine.sync.DmaResvUsage;
import org.dmasim.interpreter.eval.Value;

/** The constants of docs/language.md, "Lexical structure", with the kernel's values. */
final class Constants {
    private Constants() {
    }

    static List<Constant> all() {
        return List.of(
                c("DMA_BIDIRECTIONAL", "direction", 0, "the device may read and write the buffer"),
                c("DMA_TO_DEVICE", "direction", 1, "the device only reads the buffer"),
                c("DMA_FROM_DEVICE", "direction", 2, "the device only writes the buffer"),
                c("DMA_NONE", "direction", 3, "for debugging only: every map, unmap and sync BUG()s on it"),
                c("GFP_KERNEL", "gfp", Gfp.GFP_KERNEL, "normal kernel allocation: highest free pages first"),
                c("GFP_HIGHUSER", "gfp", Gfp.GFP_HIGHUSER, "user-space pages (shmem's default): highest free pages first"),
                c("GFP_DMA32", "gfp", Gfp.GFP_DMA32, "pages below 4 GiB (ZONE_DMA32)"),
                c("GFP_DMA", "gfp", Gfp.GFP_DMA, "pages below the arch's zone_dma_limit (ZONE_DMA)"),
                c("DMA_ATTR_WRITE_COMBINE", "attr", 1 << 2, "coherent allocation: write-combined CPU view"),
                c("DMA_ATTR_NON_CONSISTENT", "attr", 1 << 3, "historic: non-consistent allocation"),
                c("DMA_ATTR_NO_KERNEL_MAPPING", "attr", 1 << 4, "coherent allocation without a CPU view"),
                c("DMA_ATTR_SKIP_CPU_SYNC", "attr", 1 << 5, "map/unmap without cache maintenance (\"use with care\")"),
                c("DMA_ATTR_REQUIRE_COHERENT", "attr", 1 << 12, "fail where bouncing or cache maintenance would be needed"),
                c("DMA_BUF_SYNC_READ", "dma-buf", 1, "DMA_BUF_IOCTL_SYNC: the CPU reads"),
                c("DMA_BUF_SYNC_WRITE", "dma-buf", 2, "DMA_BUF_IOCTL_SYNC: the CPU writes"),
                c("DMA_BUF_SYNC_RW", "dma-buf", 3, "DMA_BUF_IOCTL_SYNC: the CPU reads and writes"),
                c("DMA_BUF_SYNC_START", "dma-buf", 0, "DMA_BUF_IOCTL_SYNC: begin CPU access"),
                c("DMA_BUF_SYNC_END", "dma-buf", 4, "DMA_BUF_IOCTL_SYNC: end CPU access"),
                c("DMA_RESV_USAGE_KERNEL", "dma_resv", DmaResvUsage.KERNEL.ordinal(),
                        "kernel memory management (a move or clear): everyone waits for it"),
                c("DMA_RESV_USAGE_WRITE", "dma_resv", DmaResvUsage.WRITE.ordinal(),
                        "implicit sync: a submission that writes the buffer"),
                c("DMA_RESV_USAGE_READ", "dma_resv", DmaResvUsage.READ.ordinal(),
                        "implicit sync: a submission that reads the buffer"),
                c("DMA_RESV_USAGE_BOOKKEEP", "dma_resv", DmaResvUsage.BOOKKEEP.ordinal(),
                        "no implicit sync (preemption fences, explicitly synced work)"),
                c("MAX_SCHEDULE_TIMEOUT", "dma_resv", SyncBuiltins.MAX_SCHEDULE_TIMEOUT,
                        "a timeout that never expires: wait until the fences signal"),
                c("PAGE_KERNEL", "pgprot", PatBuiltins.WB, "a write-back (cacheable) pgprot; pgprot_writecombine() "
                        + "and pgprot_noncached() change it"),
                c("PAGE_SHARED", "pgprot", PatBuiltins.WB, "a user mapping's default pgprot: write-back"),
                // include/uapi/asm-generic/errno-base.h and errno.h: calls return -E..., so compare
                // with -EBADF as the kernel does
                errno("EIO", Errno.EIO, "I/O error (dma_set_mask, dma_map_sg: the device cannot reach it)"),
                errno("EBADF", Errno.EBADF, "bad file descriptor (a closed fd, or one that is not a dma-buf)"),
                errno("ENOMEM", Errno.ENOMEM, "out of memory"),
                errno("EBUSY", Errno.EBUSY, "device or resource busy"),
                errno("EINVAL", Errno.EINVAL, "invalid argument"),
                errno("EOPNOTSUPP", Errno.EOPNOTSUPP, "operation not supported"));
    }

    private static Constant errno(String name, int negative, String doc) {
        return c(name, "errno", -negative, doc);
    }

    private static Constant c(String name, String group, long value, String doc) {
        return new Constant(name, group, new Value.Int(value), doc);
    }
}
