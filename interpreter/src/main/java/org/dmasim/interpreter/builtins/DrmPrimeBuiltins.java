package org.dmasim.interpreter.builtins;

import static org.dmasim.interpreter.builtins.ParamType.ANY;
import static org.dmasim.interpreter.builtins.ParamType.DEVICE;
import static org.dmasim.interpreter.builtins.ParamType.INT;

import java.util.List;
import org.dmasim.engine.dma.CoherentAllocation;
import org.dmasim.engine.dmabuf.GemObject;
import org.dmasim.engine.memory.CpuView;
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
                        (ctx, args) -> {
                            ViewRange v = args.view("bo");
                            if (!(v.view() instanceof org.dmasim.engine.memory.ShmemObject bo) || v.offset() != 0) {
                                throw new CallError("bo", "'bo' must be a shmem object, not " + v.view().label(),
                                        "shmem(size) makes one");
                            }
                            return DmaBufArgs.result(ctx.kernel().dmaBuf().shmemSgt().getPagesSgt(
                                    args.device("dev"), bo, ctx.site()), t -> new Value.Handle(t));
                        }));
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
