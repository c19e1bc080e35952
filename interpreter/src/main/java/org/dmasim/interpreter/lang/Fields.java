package org.dmasim.interpreter.lang;

import static org.dmasim.interpreter.eval.ValueKind.BOOL;
import static org.dmasim.interpreter.eval.ValueKind.COHERENT;
import static org.dmasim.interpreter.eval.ValueKind.DEVICE;
import static org.dmasim.interpreter.eval.ValueKind.HANDLE;
import static org.dmasim.interpreter.eval.ValueKind.HANDLE_SLICE;
import static org.dmasim.interpreter.eval.ValueKind.INT;
import static org.dmasim.interpreter.eval.ValueKind.NULL;
import static org.dmasim.interpreter.eval.ValueKind.OPAQUE;
import static org.dmasim.interpreter.eval.ValueKind.OUTCOMES;
import static org.dmasim.interpreter.eval.ValueKind.STRING;
import static org.dmasim.interpreter.eval.ValueKind.VIEW;
import static org.dmasim.interpreter.eval.ValueKind.VIEW_SLICE;

import java.util.List;
import java.util.Set;
import org.dmasim.interpreter.eval.ValueKind;

/**
 * Every field of the objects builtins return, declared once: {@code dmasim check} types field reads from it,
 * {@code :help FIELD} and docs/reference.md print it. (The run computes them in {@code eval.FieldAccess}.)
 */
public final class Fields {
    private static final String VIEWS = "a CPU view";
    private static final String HANDLES = "a DMA handle";
    private static final String ALLOCATIONS = "a coherent allocation";
    private static final String DEVICES = "a device";
    private static final String DMA_BUFS = "a dma-buf";
    private static final String ATTACHMENTS = "a dma-buf attachment";
    private static final String GEM_OBJECTS = "an imported GEM object";

    private static final List<Field> ALL = List.of(
            f(VIEWS, VIEW, "phys", Set.of(INT), "the physical address of its first byte (a buffer in RAM, a device's BAR)"),
            f(VIEWS, VIEW, "size", Set.of(INT), "its size in bytes"),
            f(VIEWS, VIEW, "is_iomem", Set.of(BOOL),
                    "an iosys_map (dma_buf_vmap) of I/O memory, which only the I/O accessors may touch"),
            f(VIEWS, VIEW, "in_vram", Set.of(BOOL), "a VRAM buffer still in VRAM (not migrated to system pages)"),
            f(HANDLES, HANDLE, "dma", Set.of(INT),
                    "the bus address the device uses (an IOVA behind an IOMMU; an sg table's first segment)"),
            f(HANDLES, HANDLE, "size", Set.of(INT), "the mapped size in bytes"),
            f(HANDLES, HANDLE, "dir", Set.of(INT), "the direction a streaming mapping was mapped with"),
            f(HANDLES, HANDLE, "orig_nents", Set.of(INT), "an sg table's CPU entries"),
            f(HANDLES, HANDLE, "nents", Set.of(INT), "an sg table's DMA segments after mapping"),
            f(HANDLES, HANDLE, "bounced", Set.of(BOOL), "the mapping bounces through swiotlb"),
            f(HANDLES, HANDLE, "iommu", Set.of(BOOL), "dma is an IOVA of the device's IOMMU domain"),
            f(HANDLES, HANDLE, "failed", Set.of(BOOL), "the map failed (what dma_mapping_error tells)"),
            f(HANDLES, HANDLE, "device", Set.of(DEVICE, NULL), "the device it is mapped for"),
            f(HANDLES, HANDLE, "p2p", Set.of(BOOL), "an sg table with peer-to-peer segments (another device's BAR)"),
            f(ALLOCATIONS, COHERENT, "cpu", Set.of(VIEW, NULL),
                    "the CPU side, null with DMA_ATTR_NO_KERNEL_MAPPING"),
            f(ALLOCATIONS, COHERENT, "dma", Set.of(HANDLE), "the device side"),
            f(ALLOCATIONS, COHERENT, "size", Set.of(INT), "its size in bytes"),
            f(DEVICES, DEVICE, "name", Set.of(STRING), "the name it was declared with"),
            f(DEVICES, DEVICE, "dma_mask", Set.of(INT), "the streaming DMA mask (dma_set_mask changes it)"),
            f(DEVICES, DEVICE, "coherent_dma_mask", Set.of(INT), "the mask of coherent allocations"),
            f(DEVICES, DEVICE, "coherent", Set.of(BOOL), "the device snoops the CPU caches"),
            f(DEVICES, DEVICE, "bar", Set.of(VIEW), "its VRAM behind the PCI BAR (a device declared with vram)"),
            f("a slice of a CPU view", VIEW_SLICE, "offset", Set.of(INT), "where the slice starts in the view"),
            f("a slice of a CPU view", VIEW_SLICE, "size", Set.of(INT), "its length in bytes"),
            f("a slice of a DMA handle", HANDLE_SLICE, "offset", Set.of(INT), "where the slice starts in the mapping"),
            f("a slice of a DMA handle", HANDLE_SLICE, "size", Set.of(INT), "its length in bytes"),
            f("read outcomes", OUTCOMES, "certain", Set.of(BOOL), "exactly one value is possible"),
            f("read outcomes", OUTCOMES, "stale", Set.of(BOOL), "some possible value is not the latest written"),
            f("read outcomes", OUTCOMES, "size", Set.of(INT), "the bytes read"),
            f(DMA_BUFS, OPAQUE, "size", Set.of(INT), "its size in bytes"),
            f(DMA_BUFS, OPAQUE, "exporter", Set.of(STRING), "the exporter's kind (shmem, cma, system_heap, ttm)"),
            f(DMA_BUFS, OPAQUE, "refs", Set.of(INT), "the file's reference count"),
            f(DMA_BUFS, OPAQUE, "vmaps", Set.of(INT), "the vmap counter"),
            f(DMA_BUFS, OPAQUE, "attachments", Set.of(INT), "how many devices are attached"),
            f(ATTACHMENTS, OPAQUE, "device", Set.of(DEVICE), "the importing device"),
            f(ATTACHMENTS, OPAQUE, "dynamic", Set.of(BOOL), "a dynamic attachment (dma_buf_dynamic_attach)"),
            f(ATTACHMENTS, OPAQUE, "peer2peer", Set.of(BOOL), "the importer may be handed the exporter's BAR"),
            f(GEM_OBJECTS, OPAQUE, "sgt", Set.of(HANDLE), "the sg table of its attachment, mapped bidirectional"),
            f(GEM_OBJECTS, OPAQUE, "attachment", Set.of(OPAQUE), "its attachment to the dma-buf"),
            f(GEM_OBJECTS, OPAQUE, "dmabuf", Set.of(OPAQUE), "the dma-buf it was imported from"),
            f(GEM_OBJECTS, OPAQUE, "size", Set.of(INT), "the dma-buf's size in bytes"));

    private Fields() {
    }

    private static Field f(String owner, ValueKind kind, String name, Set<ValueKind> type, String doc) {
        return new Field(owner, kind, name, type, doc);
    }

    public static List<Field> all() {
        return ALL;
    }

    /** Every field with that name (several objects have a {@code size}). */
    public static List<Field> named(String name) {
        return ALL.stream().filter(f -> f.name().equals(name)).toList();
    }
}
