package org.dmasim.engine.dmabuf;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.machine.Device;

/**
 * {@code struct dma_buf_attachment} (include/linux/dma-buf.h): static ({@code dma_buf_attach}) or dynamic
 * (importer ops with {@code move_notify}); {@code peer2peer} only for dynamic importers, and the
 * exporter may clear it.
 */
public final class Attachment implements Named {
    private final DmaBuf dmabuf;
    private final Device device;
    private final boolean dynamic;
    private boolean peer2peer;
    private boolean detached;
    private final List<SgTable> mapped = new ArrayList<>();
    private String label;

    Attachment(DmaBuf dmabuf, Device device, boolean dynamic, boolean peer2peer) {
        this.dmabuf = dmabuf;
        this.device = device;
        this.dynamic = dynamic;
        this.peer2peer = dynamic && peer2peer;
        this.label = "attachment of " + dmabuf.label() + " to " + device.name();
    }

    public DmaBuf dmabuf() {
        return dmabuf;
    }

    public Device device() {
        return device;
    }

    public boolean dynamic() {
        return dynamic;
    }

    public boolean peer2peer() {
        return peer2peer;
    }

    void clearPeer2peer() {
        peer2peer = false;
    }

    public boolean detached() {
        return detached;
    }

    void detach() {
        detached = true;
    }

    /** Its sg tables that are mapped now (the system heap's {@code a->mapped}). */
    public List<SgTable> mapped() {
        return mapped;
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
