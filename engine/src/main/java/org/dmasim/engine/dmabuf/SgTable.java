package org.dmasim.engine.dmabuf;

import org.dmasim.engine.Units;
import org.dmasim.engine.dma.Mapping;
import org.dmasim.engine.dma.StreamingMapping;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Direction;

/**
 * The sg table {@code dma_buf_map_attachment} returns: the importer's DMA addresses for the
 * buffer. Either the exporter's {@code dma_map_sgtable(attach->dev, sgt, dir, attrs)} of the
 * pages (the streaming engine's sg table: direct, bounced or behind an IOMMU), or a peer-to-peer
 * address of VRAM: a PCI bus address that bypasses the IOMMU, or the CPU physical address
 * through the host bridge.
 */
public final class SgTable implements Mapping {
    /** The one segment of a peer-to-peer table: {@code phys} is the VRAM it names. */
    public record Segment(long offset, long length, long dma, long phys) {
    }

    private final Attachment attachment;
    private final Direction dir;
    private final org.dmasim.engine.dma.SgTable pages;
    private final Segment p2p;
    private final long attrs;
    private boolean released;
    private String movedAt;
    private String label;

    /** A table of pages the streaming engine mapped. */
    SgTable(Attachment attachment, Direction dir, org.dmasim.engine.dma.SgTable pages, long attrs) {
        this(attachment, dir, pages, null, attrs);
    }

    /** A peer-to-peer table of VRAM. */
    SgTable(Attachment attachment, Direction dir, Segment p2p, long attrs) {
        this(attachment, dir, null, p2p, attrs);
    }

    private SgTable(Attachment attachment, Direction dir, org.dmasim.engine.dma.SgTable pages, Segment p2p,
            long attrs) {
        this.attachment = attachment;
        this.dir = dir;
        this.pages = pages;
        this.p2p = p2p;
        this.attrs = attrs;
        this.label = "sgt@" + Units.hex(dmaAddress());
        if (pages != null) {
            pages.setLabel(label);
        }
    }

    public Attachment attachment() {
        return attachment;
    }

    /** The streaming engine's table, or null for peer-to-peer VRAM. */
    public org.dmasim.engine.dma.SgTable pages() {
        return pages;
    }

    /** The peer-to-peer segment, or null. */
    public Segment p2pSegment() {
        return p2p;
    }

    /** Mapped as peer-to-peer device memory (VRAM through a BAR). */
    public boolean p2p() {
        return p2p != null;
    }

    /** The exporter's {@code dma_map_sgtable} attrs (0, or DMA_ATTR_SKIP_CPU_SYNC). */
    public long attrs() {
        return attrs;
    }

    public int nents() {
        return pages != null ? pages.nents() : 1;
    }

    public int origNents() {
        return pages != null ? pages.origNents() : 1;
    }

    /** Where {@code move_notify} invalidated it, or null while it is current. */
    public String movedAt() {
        return movedAt;
    }

    void moved(String site) {
        movedAt = site;
    }

    void release() {
        released = true;
    }

    @Override
    public Device device() {
        return attachment.device();
    }

    @Override
    public long dmaAddress() {
        return pages != null ? pages.dmaAddress() : p2p.dma();
    }

    @Override
    public long size() {
        return attachment.dmabuf().size();
    }

    @Override
    public Direction direction() {
        return dir;
    }

    @Override
    public boolean bounced() {
        return pages != null && pages.mappings().stream().anyMatch(StreamingMapping::bounced);
    }

    @Override
    public boolean iommu() {
        return pages != null && pages.mappings().stream().anyMatch(StreamingMapping::iommu);
    }

    @Override
    public boolean failed() {
        return false;
    }

    @Override
    public boolean released() {
        return released;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void setLabel(String label) {
        this.label = label;
        if (pages != null) {
            pages.setLabel(label);
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
