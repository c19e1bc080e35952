package org.dmasim.engine.dmabuf;

import java.util.List;
import org.dmasim.engine.Units;
import org.dmasim.engine.dma.Mapping;
import org.dmasim.engine.dma.StreamingMapping;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Direction;

/**
 * The sg table {@code dma_buf_map_attachment} returns: the importer's DMA addresses for the
 * buffer, one segment per physically contiguous run. A segment is either a streaming mapping the
 * exporter made for the importer ({@code dma_map_sgtable(attach->dev, ...)}), or a peer-to-peer
 * address of VRAM: a PCI bus address that bypasses the IOMMU, or the CPU physical address through
 * the host bridge.
 */
public final class SgTable implements Mapping {
    /** One DMA segment; {@code mapping} is null for peer-to-peer VRAM, which {@code phys} then names. */
    public record Segment(long offset, long length, long dma, StreamingMapping mapping, long phys) {
    }

    private final Attachment attachment;
    private final Direction dir;
    private final List<Segment> segments;
    private final boolean p2p;
    private final long attrs;
    private boolean released;
    private String movedAt;
    private String label;

    SgTable(Attachment attachment, Direction dir, List<Segment> segments, boolean p2p, long attrs) {
        this.attachment = attachment;
        this.dir = dir;
        this.segments = List.copyOf(segments);
        this.p2p = p2p;
        this.attrs = attrs;
        this.label = "sgt@" + (segments.isEmpty() ? "?" : Units.hex(segments.get(0).dma()));
    }

    public Attachment attachment() {
        return attachment;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** Mapped as peer-to-peer device memory (VRAM through a BAR). */
    public boolean p2p() {
        return p2p;
    }

    /** The exporter's {@code dma_map_sgtable} attrs (0, or DMA_ATTR_SKIP_CPU_SYNC). */
    public long attrs() {
        return attrs;
    }

    public int nents() {
        return segments.size();
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
        return segments.isEmpty() ? -1 : segments.get(0).dma();
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
        return segments.stream().anyMatch(s -> s.mapping() != null && s.mapping().bounced());
    }

    @Override
    public boolean iommu() {
        return false;
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
    }

    @Override
    public String toString() {
        return label;
    }
}
