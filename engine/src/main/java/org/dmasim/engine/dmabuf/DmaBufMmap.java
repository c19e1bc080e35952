package org.dmasim.engine.dmabuf;

import org.dmasim.engine.Site;
import org.dmasim.engine.Units;
import org.dmasim.engine.check.ReportCode;

/** The kernel and user mappings of a dma-buf: {@code dma_buf_vmap}/{@code vunmap}, mmap and munmap. */
final class DmaBufMmap {
    private final DmaBufLayer layer;

    DmaBufMmap(DmaBufLayer layer) {
        this.layer = layer;
    }

    Ret<IosysMap> vmap(DmaBuf b, Site site) {
        if (!layer.alive(b, "dma_buf_vmap", site)) {
            return Ret.err(Errno.EINVAL);
        }
        if (b.vmapCount() > 0) {
            b.vmapped(b.vmap());
            return Ret.ok(b.vmap());
        }
        IosysMap map = new IosysMap(b, b.backing(), b.exporter().vmapType(b), 0, b.size(), "vmap of " + b);
        b.vmapped(map);
        return Ret.ok(map);
    }

    void vunmap(DmaBuf b, IosysMap map, Site site) {
        if (b.vmapCount() == 0) {
            layer.report(ReportCode.DMABUF_EINVAL, "kernel BUG at dma_buf_vunmap: " + b + " is not vmapped "
                    + "(BUG_ON(!dmabuf->vmapping_counter))", site, "dma_buf_vunmap() once per dma_buf_vmap()");
            return;
        }
        if (map != b.vmap()) {
            layer.report(ReportCode.DMABUF_EINVAL, "kernel BUG at dma_buf_vunmap: " + map + " is not " + b
                    + "'s vmap (BUG_ON(!iosys_map_is_equal(&dmabuf->vmap_ptr, map)))", site,
                    "pass dma_buf_vunmap() the map dma_buf_vmap() returned for this dma-buf");
            return;
        }
        b.vunmapped();
    }

    Ret<UserMapping> mmap(int fd, long offset, long length, Site site) {
        DmaBuf b = layer.file(fd);
        if (b == null) {
            return Ret.err(Errno.EBADF);
        }
        if (!layer.alive(b, "mmap of fd " + fd, site)) {
            return Ret.err(Errno.EBADF);
        }
        return dmaBufMmap(b, offset, length, "the dma-buf fd", site);
    }

    Ret<UserMapping> dmaBufMmap(DmaBuf b, long offset, long length, String via, Site site) {
        int page = layer.machine().profile().pageSize();
        if (length < 0) {
            length = b.size() - offset;
        }
        // drivers/dma-buf/dma-buf.c dma_buf_mmap_internal(), dma_buf_mmap(): vma_pages() rounds the
        // length up, dmabuf->size >> PAGE_SHIFT rounds the size down, so a dma-buf exported with an
        // unaligned size cannot be mapped whole (vm_pgoff + vma_pages computed without overflow)
        long pages = b.size() / page;
        if (offset < 0 || offset % page != 0 || length <= 0
                || offset / page + ((length - 1) / page + 1) > pages) {
            boolean unaligned = b.size() % page != 0;
            layer.report(ReportCode.DMABUF_EINVAL, "mmap of " + b + " (" + Units.size(b.size()) + ") at offset "
                    + offset + " for " + Math.max(length, 0) + " bytes: vm_pgoff + vma_pages = "
                    + (offset < 0 ? 0 : offset / page + (length <= 0 ? 0 : (length - 1) / page + 1)) + " > dmabuf->size >> PAGE_SHIFT = "
                    + pages + ", -EINVAL", site, unaligned
                            ? "the exporter gave dma_buf_export an unaligned size (" + b.size() + " bytes): export "
                                    + "PAGE_ALIGN(size), or map at most " + pages + (pages == 1 ? " whole page" : " whole pages")
                            : "map at most the buffer's pages, at a page-aligned offset");
            return Ret.err(Errno.EINVAL);
        }
        b.get();
        return Ret.ok(new UserMapping(b, b.backing(), b.exporter().mmapType(b), offset,
                Math.min(length, b.size() - offset), via, "mmap of " + b));
    }

    void munmap(UserMapping u, Site site) {
        if (u.unmapped()) {
            return;
        }
        u.unmap();
        if (u.dmabuf() != null) {
            layer.dmaBufPut(u.dmabuf(), site);
        }
    }
}
