package org.dmasim.interpreter.builtins;

import static org.dmasim.interpreter.builtins.ParamType.ANY;
import static org.dmasim.interpreter.builtins.ParamType.COHERENT;
import static org.dmasim.interpreter.builtins.ParamType.DEVICE;
import static org.dmasim.interpreter.builtins.ParamType.INT;

import java.util.List;
import org.dmasim.engine.dma.CoherentAllocation;
import org.dmasim.engine.dmabuf.GemObject;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.ShmemObject;
import org.dmasim.interpreter.eval.Value;

/** DRM PRIME: docs/reference.md "DRM PRIME" (drivers/gpu/drm/drm_prime.c). */
final class DrmPrimeBuiltins {
    private DrmPrimeBuiltins() {
    }

    static List<Builtin> all() {
        return List.of(
                new Builtin("drm_gem_prime_import", "DRM PRIME",
                        List.of(Param.required("dev", DEVICE, "the importing DRM device"),
                                Param.required("fd", INT, "a dma-buf fd")),
                        "a GEM object (or -errno)",
                        "imports a dma-buf: one's own export gives back the same object (no attachment); another "
                                + "driver's is attached and mapped DMA_BIDIRECTIONAL for the object's lifetime (waiting "
                                + "for its kernel fences, as a static importer's map does)",
                        (ctx, args) -> DmaBufArgs.result(ImplicitWaits.primeImport(ctx, args), DrmPrimeBuiltins::gem)),
                new Builtin("drm_gem_mmap", "DRM PRIME", List.of(Param.required("obj", ANY, "a GEM object")),
                        "a user mapping (or -errno)",
                        "mmap through the DRM node: an imported object is forwarded to the exporter's mmap",
                        (ctx, args) -> DmaBufArgs.result(ctx.kernel().dmaBuf().prime().drmGemMmap(
                                object(args), ctx.site()), u -> new Value.View(u))),
                new Builtin("drm_gem_vmap", "DRM PRIME", List.of(Param.required("obj", ANY, "a GEM object")),
                        "an iosys_map (or -errno)",
                        "a kernel mapping of a GEM object: an imported one is forwarded to dma_buf_vmap",
                        (ctx, args) -> DmaBufArgs.result(ctx.kernel().dmaBuf().prime().drmGemVmap(
                                object(args), ctx.site()), m -> new Value.View(m))),
                new Builtin("drm_gem_shmem_get_pages_sgt", "DRM PRIME",
                        List.of(Param.required("dev", ParamType.DEVICE, "the DRM device the object belongs to"),
                                Param.required("bo", ParamType.VIEW, "its shmem GEM object")),
                        "an sg table mapped for dev (or -errno)",
                        "the driver's own device mapping of a shmem object: pinned and dma_map_sgtable'd "
                                + "DMA_BIDIRECTIONAL once, cached, and returned again with no cache maintenance "
                                + "(drm_gem_shmem_helper.c); later CPU writes need map_wc or the driver's own sync",
                        (ctx, args) -> DmaBufArgs.result(ctx.kernel().dmaBuf().shmemSgt().getPagesSgt(
                                args.device("dev"), shmemObject(args), ctx.site()), t -> new Value.Handle(t))),
                new Builtin("drm_gem_shmem_free", "DRM PRIME",
                        List.of(Param.required("bo", ParamType.VIEW, "a shmem GEM object")),
                        "nothing",
                        "what the object's last reference runs (drm_gem_shmem_helper.c): the table "
                                + "drm_gem_shmem_get_pages_sgt cached is dma_unmap_sgtable'd DMA_BIDIRECTIONAL and "
                                + "the pages are freed; later accesses are a use after free. A shmem_pin still "
                                + "held is drm_WARN_ON(pages_pin_count) (GEM_FREED_PINNED)",
                        (ctx, args) -> {
                            ctx.kernel().drmGemShmemFree(shmemObject(args), ctx.site());
                            return Value.Null.NULL;
                        }),
                new Builtin("drm_gem_dma_create", "DRM PRIME",
                        List.of(Param.required("dev", DEVICE, "the DRM device"),
                                Param.required("size", INT, "bytes, rounded up to pages"),
                                Param.withDefault("map_noncoherent", ParamType.BOOL, Value.Bool.FALSE, "false",
                                        "the object's map_noncoherent, which the driver's gem_create_object sets")),
                        "the GEM DMA object {cpu, dma}, or null",
                        "a GEM DMA helper object (drm_gem_dma_helper.c): dma_alloc_wc memory (write-combined on a "
                                + "non-coherent device), or with map_noncoherent dma_alloc_noncoherent(DMA_TO_DEVICE) "
                                + "memory, whose CPU view and drm_gem_mmap are cacheable: the driver must "
                                + "dma_sync_single_for_device what the CPU wrote before the device reads it",
                        (ctx, args) -> GemDma.create(ctx, args)),
                new Builtin("drm_gem_dma_free", "DRM PRIME",
                        List.of(Param.required("obj", COHERENT, "what drm_gem_dma_create returned")),
                        "nothing",
                        "frees a GEM DMA object's memory as its last reference does: dma_free_noncoherent("
                                + "DMA_TO_DEVICE) or dma_free_wc; later accesses are a use after free",
                        (ctx, args) -> GemDma.free(ctx, args)));
    }

    private static ShmemObject shmemObject(Arguments args) {
        ViewRange v = args.view("bo");
        if (!(v.view() instanceof ShmemObject bo) || v.offset() != 0) {
            throw new CallError("bo", "'bo' must be a shmem object, not " + v.view().label(), "shmem(size) makes one");
        }
        return bo;
    }

    private static Value gem(Object obj) {
        return switch (obj) {
            case GemObject g -> DmaBufArgs.gem(g);
            case CoherentAllocation c -> new Value.Coherent(c);
            case CpuView v -> new Value.View(v);
            default -> throw new IllegalStateException("not a GEM object: " + obj);
        };
    }

    private static Object object(Arguments args) {
        return switch (args.value("obj")) {
            case Value.Opaque o when o.object() instanceof GemObject g -> g;
            case Value.Coherent c -> c.allocation();
            case Value.View v -> v.view();
            default -> throw args.wrongType("obj", "a GEM object (a buffer, or what drm_gem_prime_import returned)");
        };
    }
}
