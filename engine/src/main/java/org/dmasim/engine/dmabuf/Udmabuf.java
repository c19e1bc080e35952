package org.dmasim.engine.dmabuf;

import org.dmasim.engine.Site;
import org.dmasim.engine.Units;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.MemoryType;
import org.dmasim.engine.memory.ShmemObject;

/**
 * {@code UDMABUF_CREATE} (drivers/dma-buf/udmabuf.c udmabuf_create): a dma-buf over
 * {@code [offset, offset+size)} of a memfd, whose pages it pins (memfd_pin_folios). Offset and size
 * must be page-aligned and within the file, and the buffer at most {@code size_limit_mb} (64 MiB):
 * otherwise -EINVAL. The memfd is taken as sealed the way udmabuf requires (F_SEAL_SHRINK, no
 * F_SEAL_WRITE); seals are not modelled.
 */
final class Udmabuf {
    /** udmabuf.c: module parameter size_limit_mb, default 64. */
    static final long SIZE_LIMIT = 64L << 20;

    private Udmabuf() {
    }

    static Ret<DmaBuf> create(DmaBufLayer layer, ShmemObject memfd, long offset, long size, Site site) {
        long page = layer.machine().profile().pageSize();
        String why = offset < 0 || size <= 0 ? "an empty or negative range"
                : offset % page != 0 || size % page != 0 ? "offset and size must be page-aligned (PAGE_ALIGNED)"
                : offset > memfd.size() || size > memfd.size() - offset ? "the range runs past the end of the memfd ("
                        + Units.size(memfd.size()) + ")"
                : size > SIZE_LIMIT ? "more than size_limit_mb (64 MiB) of pages" : null;
        if (why != null) {
            layer.report(ReportCode.DMABUF_EINVAL, "UDMABUF_CREATE of " + memfd + " [" + offset + ", +" + size
                    + "): " + why + ", -EINVAL", site, "pass a page-aligned range inside the memfd, at most 64 MiB");
            return Ret.err(Errno.EINVAL);
        }
        layer.started();
        memfd.pin();
        CpuView pages = offset == 0 && size == memfd.size() ? memfd : new Range(memfd, offset, size);
        return Ret.ok(new DmaBuf(new UdmabufExporter(), null, pages, null));
    }

    /** release_udmabuf(): the pinned pages go back (unpin_all_folios). */
    static void release(DmaBuf b) {
        if (b.backing() instanceof ShmemObject memfd) {
            memfd.unpin();
        } else if (b.backing() instanceof Range r) {
            r.memfd.unpin();
        }
    }

    /** The part of the memfd a udmabuf covers. */
    private static final class Range implements CpuView {
        private final ShmemObject memfd;
        private final long offset;
        private final long size;
        private String label;

        Range(ShmemObject memfd, long offset, long size) {
            this.memfd = memfd;
            this.offset = offset;
            this.size = size;
            this.label = memfd.label() + "[" + offset + ".." + (offset + size) + "]";
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public MemoryType memoryType() {
            return memfd.memoryType();
        }

        @Override
        public long phys(long at) {
            return memfd.phys(offset + at);
        }

        @Override
        public long contiguousFrom(long at) {
            return Math.min(memfd.contiguousFrom(offset + at), size - at);
        }

        @Override
        public void faultIn(long at, long length) {
            memfd.faultIn(offset + at, length);
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public void setLabel(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }
}
