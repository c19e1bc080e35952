package org.dmasim.engine.dmabuf;

import org.dmasim.engine.machine.Device;

/**
 * A GEM object imported from another driver's dma-buf (drivers/gpu/drm/drm_prime.c
 * {@code drm_gem_prime_import_dev}): a static attachment mapped {@code DMA_BIDIRECTIONAL} for
 * the object's lifetime. Its CPU mappings must be forwarded to the exporter.
 */
public final class GemObject implements Named {
    private final Device device;
    private final DmaBuf dmabuf;
    private final Attachment attachment;
    private final SgTable sgt;
    private String label;

    GemObject(Device device, DmaBuf dmabuf, Attachment attachment, SgTable sgt) {
        this.device = device;
        this.dmabuf = dmabuf;
        this.attachment = attachment;
        this.sgt = sgt;
        this.label = "GEM import of " + dmabuf.label() + " by " + device.name();
    }

    public Device device() {
        return device;
    }

    public DmaBuf dmabuf() {
        return dmabuf;
    }

    public Attachment attachment() {
        return attachment;
    }

    public SgTable sgt() {
        return sgt;
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
