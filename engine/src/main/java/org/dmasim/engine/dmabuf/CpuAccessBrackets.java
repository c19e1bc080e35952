package org.dmasim.engine.dmabuf;

import org.dmasim.engine.Site;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.machine.Direction;

/**
 * The CPU access brackets of dma-buf.c: {@code dma_buf_begin_cpu_access},
 * {@code dma_buf_end_cpu_access} and the {@code DMA_BUF_IOCTL_SYNC} that calls them.
 */
final class CpuAccessBrackets {
    private final DmaBufLayer layer;

    CpuAccessBrackets(DmaBufLayer layer) {
        this.layer = layer;
    }

    int begin(DmaBuf b, Direction dir, Site site) {
        if (!layer.alive(b, "dma_buf_begin_cpu_access", site)) {
            return Errno.EINVAL;
        }
        layer.cpu().drain("dma_buf_begin_cpu_access at " + site);
        b.exporter().beginCpuAccess(layer, b, dir, site);
        b.beginCpuAccess();
        return 0;
    }

    int end(DmaBuf b, Direction dir, Site site) {
        if (!layer.alive(b, "dma_buf_end_cpu_access", site)) {
            return Errno.EINVAL;
        }
        layer.cpu().drain("dma_buf_end_cpu_access at " + site);
        int rc = b.exporter().endCpuAccess(layer, b, dir, site);
        if (rc != 0) {
            return rc;
        }
        b.endCpuAccess();
        return 0;
    }

    int sync(int fd, long flags, Site site) {
        DmaBuf b = layer.file(fd);
        if (b == null) {
            return Errno.EBADF;
        }
        if (!layer.alive(b, "DMA_BUF_IOCTL_SYNC on fd " + fd, site)) {
            return Errno.EBADF;
        }
        String help = "pass DMA_BUF_SYNC_START or DMA_BUF_SYNC_END with DMA_BUF_SYNC_READ, _WRITE or _RW "
                + "(flags 1, 2, 3, 5, 6 or 7)";
        if ((flags & ~7L) != 0) {
            layer.report(ReportCode.DMABUF_SYNC_EINVAL, "DMA_BUF_IOCTL_SYNC on fd " + fd + " with flags 0x"
                    + Long.toHexString(flags) + ": bits outside DMA_BUF_SYNC_VALID_FLAGS_MASK (0x7), -EINVAL", site,
                    help);
            return Errno.EINVAL;
        }
        if ((flags & 3) == 0) {
            layer.report(ReportCode.DMABUF_SYNC_EINVAL, "DMA_BUF_IOCTL_SYNC on fd " + fd + " with flags 0x"
                    + Long.toHexString(flags) + ": neither DMA_BUF_SYNC_READ nor DMA_BUF_SYNC_WRITE, -EINVAL", site,
                    help);
            return Errno.EINVAL;
        }
        Direction dir = switch ((int) (flags & 3)) {
            case 1 -> Direction.DMA_FROM_DEVICE;
            case 2 -> Direction.DMA_TO_DEVICE;
            default -> Direction.DMA_BIDIRECTIONAL;
        };
        return (flags & 4) != 0 ? end(b, dir, site) : begin(b, dir, site);
    }
}
