package org.dmasim.interpreter.builtins;

import org.dmasim.engine.dma.CoherentAllocation;
import org.dmasim.engine.dma.Mapping;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Direction;
import org.dmasim.interpreter.eval.Value;

/**
 * The argument lists a driver author pastes from the kernel, where they differ from the short
 * forms: {@code dma_map_single(dev, ptr, size, dir)} (include/linux/dma-mapping.h),
 * {@code dma_free_coherent(dev, size, cpu_addr, dma_handle)} and
 * {@code dma_free_noncoherent(dev, size, vaddr, dma_handle, dir)} (kernel/dma/mapping.c). When
 * the arguments fit neither form, the error names both.
 */
final class KernelForms {
    static final String MAP_SINGLE = "dma_map_single(dev, buf, dir, [attrs]) or the kernel's "
            + "dma_map_single(dev, buf, size, dir)";
    static final String FREE_COHERENT = "dma_free_coherent(dev, c) or the kernel's "
            + "dma_free_coherent(dev, size, cpu_addr, dma_handle)";
    static final String FREE_NONCOHERENT = "dma_free_noncoherent(dev, c) or the kernel's "
            + "dma_free_noncoherent(dev, size, vaddr, dma_handle, dir)";

    private KernelForms() {
    }

    /** dma_map_single in either form: the third argument is a size when it is no direction. */
    static Value mapSingle(CallContext ctx, Arguments args) {
        ViewRange r = args.view("buf");
        long third = args.integer("dir");
        long offset = r.offset();
        long length = r.length();
        Direction dir;
        long attrs = 0;
        if (isDirection(third)) {
            dir = args.direction("dir");
            attrs = args.has("attrs") ? args.integer("attrs") : 0;
        } else if (args.has("attrs") && isDirection(args.integer("attrs"))) {
            // the kernel's (dev, ptr, size, dir): map size bytes from the start of buf
            if (third <= 0 || third > r.length()) {
                throw new CallError("dir", "size " + third + " does not fit " + r.view().label() + "["
                        + r.offset() + ".." + (r.offset() + r.length()) + "] (" + r.length() + " bytes)",
                        "map at most the buffer: " + MAP_SINGLE);
            }
            length = third;
            dir = args.direction("attrs");
        } else {
            throw new CallError("dir", third + " is not a DMA direction, and no direction follows it",
                    "use " + MAP_SINGLE);
        }
        Mapping m = ctx.kernel().dmaMapSingle(args.device("dev"), r.view(), offset, length, dir, attrs, ctx.site());
        return new Value.Handle(m);
    }

    /** dma_free_coherent or dma_free_noncoherent in either form. */
    static Value free(CallContext ctx, Arguments args, boolean noncoherent) {
        Device dev = args.device("dev");
        String forms = noncoherent ? FREE_NONCOHERENT : FREE_COHERENT;
        boolean kernelArgs = args.has("cpu_addr") || args.has("dma_handle") || args.has("dir");
        if (args.value("c") instanceof Value.Coherent c && !kernelArgs) {
            if (noncoherent) {
                ctx.kernel().dmaFreeNoncoherent(dev, c.allocation(), ctx.site());
            } else {
                ctx.kernel().dmaFreeCoherent(dev, c.allocation(), ctx.site());
            }
            return Value.Null.NULL;
        }
        if (!(args.value("c") instanceof Value.Int size) || !args.has("cpu_addr") || !args.has("dma_handle")
                || noncoherent && !args.has("dir")) {
            throw new CallError("c", "these arguments fit neither form", "use " + forms);
        }
        long dma = args.handle("dma_handle").address();
        long cpuPhys = args.value("cpu_addr") instanceof Value.Null ? -1 : cpuPhys(args);
        Direction dir = noncoherent ? args.direction("dir") : Direction.DMA_BIDIRECTIONAL;
        CoherentAllocation a = ctx.kernel().dmaAllocationAt(dev, dma);
        if (a == null) {
            // nothing of dev's is allocated there: dma-debug's check_unmap reports it, nothing is freed
            ctx.kernel().machine().debug().checkUnmap(dev, dma, size.value(), dir,
                    noncoherent ? "noncoherent" : "coherent", ctx.site(), noncoherent
                            ? "dma_free_noncoherent(" + dev + ", size, vaddr, dma_handle, dir)"
                            : "dma_free_coherent(" + dev + ", size, cpu_addr, dma_handle)");
        } else if (noncoherent) {
            ctx.kernel().dmaFreeNoncoherent(dev, a, size.value(), cpuPhys, dir, ctx.site());
        } else {
            ctx.kernel().dmaFreeCoherent(dev, a, size.value(), cpuPhys, ctx.site());
        }
        return Value.Null.NULL;
    }

    private static long cpuPhys(Arguments args) {
        ViewRange v = args.view("cpu_addr");
        return v.view().phys(v.offset());
    }

    private static boolean isDirection(long v) {
        return v >= 0 && v <= 3;
    }
}
