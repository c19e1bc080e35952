package org.dmasim.interpreter.builtins;

import static org.dmasim.interpreter.builtins.ParamType.ANY;
import static org.dmasim.interpreter.builtins.ParamType.COHERENT;
import static org.dmasim.interpreter.builtins.ParamType.DEVICE;
import static org.dmasim.interpreter.builtins.ParamType.DIRECTION;
import static org.dmasim.interpreter.builtins.ParamType.HANDLE;
import static org.dmasim.interpreter.builtins.ParamType.INT;

import java.util.List;
import org.dmasim.engine.dma.CoherentAllocation;
import org.dmasim.interpreter.eval.Value;

/** Coherent allocations: docs/reference.md "coherent" (kernel/dma/direct.c dma_direct_alloc). */
final class CoherentBuiltins {
    private CoherentBuiltins() {
    }

    static List<Builtin> all() {
        return List.of(
                new Builtin("dma_alloc_coherent", "coherent",
                        List.of(Param.required("dev", DEVICE, "the device"),
                                Param.required("size", INT, "bytes, rounded up to pages")),
                        "{cpu, dma}: a CPU view and a DMA handle, or null",
                        "zeroed memory both sides see without syncs (uncached CPU view on a non-coherent device)",
                        (ctx, args) -> wrap(ctx.kernel().dmaAllocAttrs(args.device("dev"), args.integer("size"), 0,
                                ctx.site()))),
                new Builtin("dma_alloc_attrs", "coherent",
                        List.of(Param.required("dev", DEVICE, "the device"),
                                Param.required("size", INT, "bytes, rounded up to pages"),
                                Param.required("attrs", INT, "DMA_ATTR_WRITE_COMBINE, DMA_ATTR_NO_KERNEL_MAPPING")),
                        "{cpu, dma}, or null",
                        "dma_alloc_coherent with attributes (write-combined view, no kernel mapping)",
                        (ctx, args) -> wrap(ctx.kernel().dmaAllocAttrs(args.device("dev"), args.integer("size"),
                                args.integer("attrs"), ctx.site()))),
                new Builtin("dma_free_coherent", "coherent",
                        List.of(Param.required("dev", DEVICE, "the device it was allocated for"),
                                Param.required("c", ANY, "what dma_alloc_coherent returned; in the kernel's form, "
                                        + "the size"),
                                Param.optional("cpu_addr", ANY, "kernel form: the CPU address (c.cpu)"),
                                Param.optional("dma_handle", HANDLE, "kernel form: the DMA handle (c.dma)")),
                        "nothing", "frees a coherent allocation; later accesses are a use after free. Also the "
                                + "kernel's dma_free_coherent(dev, size, cpu_addr, dma_handle), whose size and CPU "
                                + "address dma-debug checks",
                        (ctx, args) -> KernelForms.free(ctx, args, false)),
                new Builtin("dma_alloc_noncoherent", "coherent",
                        List.of(Param.required("dev", DEVICE, "the device"),
                                Param.required("size", INT, "bytes, rounded up to pages"),
                                Param.required("dir", DIRECTION, "the direction the driver will sync with")),
                        "{cpu, dma}: a cacheable CPU view and a DMA handle, or null",
                        "cacheable pages zeroed through the cache (dirty lines, no maintenance): the driver owns "
                                + "them and must dma_sync_single_for_device before the device uses them",
                        (ctx, args) -> wrap(ctx.kernel().dmaAllocNoncoherent(args.device("dev"), args.integer("size"),
                                args.direction("dir"), ctx.site()))),
                new Builtin("dma_free_noncoherent", "coherent",
                        List.of(Param.required("dev", DEVICE, "the device it was allocated for"),
                                Param.required("c", ANY, "what dma_alloc_noncoherent returned; in the kernel's "
                                        + "form, the size"),
                                Param.optional("cpu_addr", ANY, "kernel form: the CPU address (c.cpu)"),
                                Param.optional("dma_handle", HANDLE, "kernel form: the DMA handle (c.dma)"),
                                Param.optional("dir", DIRECTION, "kernel form: the direction it was allocated with")),
                        "nothing", "frees a non-coherent allocation (no cache maintenance). Also the kernel's "
                                + "dma_free_noncoherent(dev, size, vaddr, dma_handle, dir)",
                        (ctx, args) -> KernelForms.free(ctx, args, true)),
                new Builtin("dma_get_sgtable", "coherent",
                        List.of(Param.required("dev", DEVICE, "the device it was allocated for"),
                                Param.required("c", COHERENT, "a coherent allocation")),
                        "an sg table of its pages",
                        "the pages of a coherent allocation as an sg table (\"fundamentally unsafe\" to pass to "
                                + "the streaming API: that is reported)",
                        (ctx, args) -> new Value.Handle(ctx.kernel().dmaGetSgtable(args.device("dev"),
                                args.coherent("c"), ctx.site()))));
    }

    private static Value wrap(CoherentAllocation c) {
        return c == null ? Value.Null.NULL : new Value.Coherent(c);
    }
}
