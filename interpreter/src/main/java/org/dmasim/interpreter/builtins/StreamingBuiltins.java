package org.dmasim.interpreter.builtins;

import static org.dmasim.interpreter.builtins.ParamType.ANY;
import static org.dmasim.interpreter.builtins.ParamType.DEVICE;
import static org.dmasim.interpreter.builtins.ParamType.DIRECTION;
import static org.dmasim.interpreter.builtins.ParamType.HANDLE;
import static org.dmasim.interpreter.builtins.ParamType.INT;
import static org.dmasim.interpreter.builtins.ParamType.VIEW;

import java.util.List;
import org.dmasim.engine.dma.Mapping;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Direction;
import org.dmasim.interpreter.eval.Value;

/** Streaming DMA and its syncs: docs/reference.md "streaming" and "sync" (kernel/dma/mapping.c). */
final class StreamingBuiltins {
    private static final Value ZERO = new Value.Int(0);

    private StreamingBuiltins() {
    }

    /** {@code (dev, handle, size, dir)}, or the short form with the mapping alone. */
    private record Call(Device dev, long address, long size, Direction dir) {
    }

    static List<Builtin> all() {
        return List.of(
                new Builtin("dma_map_single", "streaming",
                        List.of(Param.required("dev", DEVICE, "the device that will access the buffer"),
                                Param.required("buf", VIEW, "a buffer or a slice of one"),
                                Param.required("dir", DIRECTION, "DMA_TO_DEVICE, DMA_FROM_DEVICE or "
                                        + "DMA_BIDIRECTIONAL; in the kernel's form, the size"),
                                Param.optional("attrs", INT, "DMA_ATTR_* flags (default 0); in the kernel's form, "
                                        + "the direction")),
                        "a mapping (check it with dma_mapping_error)",
                        "maps a buffer for one device: direct, bounced through swiotlb, or behind an IOMMU. Also "
                                + "the kernel's dma_map_single(dev, buf, size, dir), which maps size bytes from buf",
                        KernelForms::mapSingle),
                new Builtin("dma_map_page", "streaming",
                        List.of(Param.required("dev", DEVICE, "the device that will access the page"),
                                Param.required("buf", VIEW, "a buffer (the page)"),
                                Param.required("offset", INT, "byte offset into buf"),
                                Param.required("size", INT, "bytes to map"),
                                Param.required("dir", DIRECTION, "DMA_TO_DEVICE, DMA_FROM_DEVICE or DMA_BIDIRECTIONAL"),
                                Param.withDefault("attrs", INT, ZERO, "0", "DMA_ATTR_* flags")),
                        "a mapping (check it with dma_mapping_error)",
                        "maps size bytes at offset of a page: the same path as dma_map_single (also for vmalloc pages)",
                        (ctx, args) -> {
                            ViewRange r = args.view("buf");
                            Mapping m = ctx.kernel().dmaMapPage(args.device("dev"), r.view(),
                                    r.offset() + args.integer("offset"), args.integer("size"), args.direction("dir"),
                                    args.integer("attrs"), ctx.site());
                            return new Value.Handle(m);
                        }),
                unmapOrSync("dma_unmap_page", "streaming",
                        "unmaps what dma_map_page mapped; checked like dma-debug's check_unmap",
                        (ctx, c, args) -> ctx.kernel().dmaUnmapPage(c.dev, c.address, c.size, c.dir,
                                args.integer("attrs"), ctx.site()), true),
                rangeSync("dma_sync_single_range_for_cpu", true),
                rangeSync("dma_sync_single_range_for_device", false),
                unmapOrSync("dma_unmap_single", "streaming",
                        "unmaps; the device must have finished. Checked like dma-debug's check_unmap",
                        (ctx, c, args) -> ctx.kernel().dmaUnmapSingle(c.dev, c.address, c.size, c.dir,
                                args.integer("attrs"), ctx.site()), true),
                new Builtin("dma_mapping_error", "streaming",
                        List.of(Param.required("dev", DEVICE, "the mapping's device"),
                                Param.required("handle", HANDLE, "what dma_map_* returned")),
                        "true when the map failed",
                        "tests a DMA address for DMA_MAPPING_ERROR (and tells dma-debug the driver checked)",
                        (ctx, args) -> Value.Bool.of(ctx.kernel().dmaMappingError(args.device("dev"),
                                args.address("handle"), ctx.site()))),
                unmapOrSync("dma_sync_single_for_cpu", "sync",
                        "gives the buffer back to the CPU (for_cpu maintenance, bounce copy-back)",
                        (ctx, c, args) -> ctx.kernel().dmaSyncSingleForCpu(c.dev, c.address, c.size, c.dir, ctx.site()),
                        false),
                unmapOrSync("dma_sync_single_for_device", "sync",
                        "gives the buffer to the device (bounce copy, for_device maintenance)",
                        (ctx, c, args) -> ctx.kernel().dmaSyncSingleForDevice(c.dev, c.address, c.size, c.dir,
                                ctx.site()), false),
                new Builtin("dma_need_sync", "sync",
                        List.of(Param.required("dev", DEVICE, "the device"),
                                Param.required("handle", HANDLE, "a mapping or a DMA address")),
                        "a boolean",
                        "whether dma_sync_* calls are needed for this address: a non-coherent device, or a bounce slot",
                        (ctx, args) -> Value.Bool.of(ctx.kernel().dmaNeedSync(args.device("dev"),
                                args.handle("handle").address()))));
    }

    /** {@code dma_sync_single_range_for_*(dev, addr, offset, size, dir)} = sync of addr + offset. */
    private static Builtin rangeSync(String name, boolean toCpu) {
        return new Builtin(name, "sync",
                List.of(Param.required("dev", DEVICE, "the mapping's device"),
                        Param.required("handle", HANDLE, "the mapping or its DMA address"),
                        Param.required("offset", INT, "byte offset into the mapping"),
                        Param.required("size", INT, "bytes to sync"),
                        Param.required("dir", DIRECTION, "the direction it was mapped with")),
                "nothing", "syncs a sub-range of a mapping " + (toCpu ? "for the CPU" : "for the device"),
                (ctx, args) -> {
                    long addr = args.handle("handle").address();
                    if (toCpu) {
                        ctx.kernel().dmaSyncSingleRangeForCpu(args.device("dev"), addr, args.integer("offset"),
                                args.integer("size"), args.direction("dir"), ctx.site());
                    } else {
                        ctx.kernel().dmaSyncSingleRangeForDevice(args.device("dev"), addr, args.integer("offset"),
                                args.integer("size"), args.direction("dir"), ctx.site());
                    }
                    return Value.Null.NULL;
                });
    }

    @FunctionalInterface
    private interface Action {
        void run(CallContext ctx, Call call, Arguments args);
    }

    private static Builtin unmapOrSync(String name, String group, String doc, Action action, boolean takesAttrs) {
        List<Param> params = new java.util.ArrayList<>(List.of(
                Param.required("dev", ANY, "the device, or the mapping alone for the short form"),
                Param.optional("handle", HANDLE, "the mapping or its DMA address"),
                Param.optional("size", INT, "the size that was mapped"),
                Param.optional("dir", DIRECTION, "the direction it was mapped with")));
        if (takesAttrs) {
            params.add(Param.withDefault("attrs", INT, ZERO, "0", "DMA_ATTR_* flags"));
        }
        return new Builtin(name, group, params, "nothing",
                doc + "; the short form " + name + "(m) passes the mapping's own device, size and direction",
                (ctx, args) -> {
                    action.run(ctx, resolve(args), args);
                    return Value.Null.NULL;
                });
    }

    private static final List<String> LONG_FORM = List.of("handle", "size", "dir");

    private static Call resolve(Arguments args) {
        Value first = args.value("dev");
        boolean handle = args.has("handle");
        boolean size = args.has("size");
        boolean dir = args.has("dir");
        if (!handle && !size && !dir) {
            if (first instanceof Value.Handle h && h.handle() instanceof Mapping m) {
                return new Call(m.device(), m.dmaAddress(), m.size(), m.direction());
            }
            throw new CallError("dev", "the short form takes a mapping, not " + first.typeName(),
                    "pass (dev, handle, size, dir), or the mapping dma_map_single returned");
        }
        if (!handle || !size || !dir) {
            for (String p : LONG_FORM) {
                if (!args.has(p)) {
                    throw new CallError(null, "missing argument '" + p + "'",
                            "pass all of (dev, handle, size, dir), or the mapping alone");
                }
            }
        }
        if (!(first instanceof Value.DeviceValue)) {
            throw args.wrongType("dev", "a device");
        }
        return new Call(args.device("dev"), args.address("handle"), args.integer("size"), args.direction("dir"));
    }
}
