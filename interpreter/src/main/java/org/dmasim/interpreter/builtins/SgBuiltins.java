package org.dmasim.interpreter.builtins;

import static org.dmasim.interpreter.builtins.ParamType.DEVICE;
import static org.dmasim.interpreter.builtins.ParamType.DIRECTION;
import static org.dmasim.interpreter.builtins.ParamType.HANDLE;
import static org.dmasim.interpreter.builtins.ParamType.INT;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.dma.SgTable;
import org.dmasim.engine.machine.Direction;
import org.dmasim.interpreter.eval.Value;

/**
 * Scatter-gather mapping and syncs: docs/reference.md "streaming" and "sync" (kernel/dma/mapping.c
 * {@code dma_map_sg_attrs}, {@code dma_map_sgtable}). The {@code _sg} calls take the kernel's
 * {@code (dev, sgt, nents, dir)}; with three arguments the third is the direction and nents is
 * {@code sgt.orig_nents}.
 */
final class SgBuiltins {
    private static final Value ZERO = new Value.Int(0);

    private SgBuiltins() {
    }

    private interface SgAction {
        void run(CallContext ctx, Arguments args, SgTable sgt, int nents, Direction dir);
    }

    static List<Builtin> all() {
        return List.of(
                new Builtin("dma_map_sg", "streaming", mapParams(),
                        "the number of DMA segments (sgt.nents), 0 on failure",
                        "maps every entry (direct: one segment each; behind an IOMMU: merged into one IOVA range)",
                        (ctx, args) -> new Value.Int(ctx.kernel().dmaMapSg(args.device("dev"), sgt(args),
                                args.direction("dir"), args.integer("attrs"), ctx.site()))),
                new Builtin("dma_map_sgtable", "streaming", mapParams(),
                        "0, or -EIO (-5), -ENOMEM (-12), -EOPNOTSUPP (-95)",
                        "dma_map_sg for a whole sg table; sets sgt.nents",
                        (ctx, args) -> new Value.Int(ctx.kernel().dmaMapSgtable(args.device("dev"), sgt(args),
                                args.direction("dir"), args.integer("attrs"), ctx.site()))),
                withNents("dma_unmap_sg", "streaming", true,
                        "unmaps an sg list; nents must be the count given to dma_map_sg, not the one it returned",
                        (ctx, args, t, n, dir) -> ctx.kernel().dmaUnmapSg(args.device("dev"), t, n, dir,
                                args.integer("attrs"), ctx.site())),
                new Builtin("dma_unmap_sgtable", "streaming",
                        List.of(Param.required("dev", DEVICE, "the device"),
                                Param.required("sgt", HANDLE, "the mapped sg table"),
                                Param.required("dir", DIRECTION, "the direction it was mapped with"),
                                Param.withDefault("attrs", INT, ZERO, "0", "DMA_ATTR_* flags")),
                        "nothing", "unmaps an sg table (with its orig_nents)",
                        (ctx, args) -> {
                            ctx.kernel().dmaUnmapSgtable(args.device("dev"), sgt(args), args.direction("dir"),
                                    args.integer("attrs"), ctx.site());
                            return Value.Null.NULL;
                        }),
                withNents("dma_sync_sg_for_cpu", "sync", false,
                        "gives every entry back to the CPU (for_cpu maintenance, bounce copy-back)",
                        (ctx, args, t, n, dir) -> ctx.kernel().dmaSyncSgForCpu(args.device("dev"), t, n, dir,
                                ctx.site())),
                withNents("dma_sync_sg_for_device", "sync", false,
                        "gives every entry to the device (bounce copy, for_device maintenance)",
                        (ctx, args, t, n, dir) -> ctx.kernel().dmaSyncSgForDevice(args.device("dev"), t, n, dir,
                                ctx.site())),
                sgtableSync("dma_sync_sgtable_for_cpu", true),
                sgtableSync("dma_sync_sgtable_for_device", false));
    }

    private static List<Param> mapParams() {
        return List.of(Param.required("dev", DEVICE, "the device that will access the pages"),
                Param.required("sgt", HANDLE, "an sg table: sg_table(buf)"),
                Param.required("dir", DIRECTION, "DMA_TO_DEVICE, DMA_FROM_DEVICE or DMA_BIDIRECTIONAL"),
                Param.withDefault("attrs", INT, ZERO, "0", "DMA_ATTR_* flags"));
    }

    private static Builtin withNents(String name, String group, boolean attrs, String doc, SgAction action) {
        List<Param> params = new ArrayList<>(List.of(Param.required("dev", DEVICE, "the device"),
                Param.required("sgt", HANDLE, "the mapped sg table"),
                Param.required("nents", INT, "the nents given to dma_map_sg (or the direction, with three arguments)"),
                Param.optional("dir", DIRECTION, "the direction it was mapped with")));
        if (attrs) {
            params.add(Param.withDefault("attrs", INT, ZERO, "0", "DMA_ATTR_* flags"));
        }
        return new Builtin(name, group, params, "nothing", doc, (ctx, args) -> {
            SgTable t = sgt(args);
            if (args.has("dir")) {
                action.run(ctx, args, t, args.intInRange("nents", 0, Integer.MAX_VALUE), args.direction("dir"));
            } else {
                action.run(ctx, args, t, t.origNents(), args.direction("nents"));
            }
            return Value.Null.NULL;
        });
    }

    private static Builtin sgtableSync(String name, boolean toCpu) {
        return new Builtin(name, "sync",
                List.of(Param.required("dev", DEVICE, "the device"),
                        Param.required("sgt", HANDLE, "the mapped sg table"),
                        Param.required("dir", DIRECTION, "the direction it was mapped with")),
                "nothing", (toCpu ? "dma_sync_sg_for_cpu" : "dma_sync_sg_for_device") + " with orig_nents",
                (ctx, args) -> {
                    SgTable t = sgt(args);
                    if (toCpu) {
                        ctx.kernel().dmaSyncSgForCpu(args.device("dev"), t, t.origNents(), args.direction("dir"),
                                ctx.site());
                    } else {
                        ctx.kernel().dmaSyncSgForDevice(args.device("dev"), t, t.origNents(), args.direction("dir"),
                                ctx.site());
                    }
                    return Value.Null.NULL;
                });
    }

    static SgTable sgt(Arguments args) {
        if (args.handleObject("sgt") instanceof SgTable t) {
            return t;
        }
        throw args.wrongType("sgt", "an sg table (sg_table(buf) or dma_get_sgtable(dev, c))");
    }
}
