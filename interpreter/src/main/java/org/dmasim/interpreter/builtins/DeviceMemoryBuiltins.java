package org.dmasim.interpreter.builtins;

import static org.dmasim.interpreter.builtins.ParamType.ANY;
import static org.dmasim.interpreter.builtins.ParamType.DEVICE;
import static org.dmasim.interpreter.builtins.ParamType.DIRECTION;
import static org.dmasim.interpreter.builtins.ParamType.HANDLE;
import static org.dmasim.interpreter.builtins.ParamType.INT;
import static org.dmasim.interpreter.builtins.ParamType.VIEW;

import java.util.List;
import org.dmasim.engine.dma.Mapping;
import org.dmasim.engine.dmabuf.ResourceMapping;
import org.dmasim.interpreter.eval.Value;

/** Device memory: docs/reference.md "device memory" ({@code vram_alloc}, {@code dma_map_resource}). */
final class DeviceMemoryBuiltins {
    private DeviceMemoryBuiltins() {
    }

    static List<Builtin> all() {
        return List.of(
                new Builtin("vram_alloc", "device memory",
                        List.of(Param.required("dev", DEVICE, "a device with vram"),
                                Param.required("size", INT, "bytes, rounded up to pages")),
                        "a VRAM buffer (or -ENOMEM)",
                        "a buffer object in the device's VRAM: I/O memory behind its BAR, which the device itself "
                                + "reads and writes directly",
                        (ctx, args) -> DmaBufArgs.result(ctx.kernel().dmaBuf().deviceMemory().vramAlloc(
                                args.device("dev"), args.integer("size"), ctx.site()), v -> new Value.View(v))),
                new Builtin("dma_map_resource", "device memory",
                        List.of(Param.required("dev", DEVICE, "the device that will access the resource"),
                                Param.required("res", VIEW, "MMIO: a peer's BAR (gpu.bar) or a slice of it"),
                                Param.required("dir", DIRECTION, "the direction"),
                                Param.withDefault("attrs", INT, Value.Int.ZERO, "0", "DMA_ATTR_* flags")),
                        "a resource mapping (check it with dma_mapping_error)",
                        "maps MMIO for a device: the bus address is the physical address, no bounce, no cache "
                                + "maintenance; RAM is a dma-debug report",
                        (ctx, args) -> {
                            ViewRange r = args.view("res");
                            return new Value.Handle(ctx.kernel().dmaBuf().deviceMemory().dmaMapResource(
                                    args.device("dev"), r.view(), r.offset(), r.length(), args.direction("dir"),
                                    args.integer("attrs"), ctx.site()));
                        }),
                new Builtin("dma_unmap_resource", "device memory",
                        List.of(Param.required("dev", ANY, "the device, or the mapping alone for the short form"),
                                Param.optional("handle", HANDLE, "the mapping or its DMA address"),
                                Param.optional("size", INT, "the size that was mapped"),
                                Param.optional("dir", DIRECTION, "the direction it was mapped with")),
                        "nothing", "unmaps a resource mapping, checked like dma-debug's check_unmap",
                        (ctx, args) -> {
                            var dm = ctx.kernel().dmaBuf().deviceMemory();
                            if (!args.has("handle")) {
                                if (args.value("dev") instanceof Value.Handle h && h.handle() instanceof ResourceMapping m) {
                                    dm.dmaUnmapResource(m.device(), m.dmaAddress(), m.size(), m.direction(), ctx.site());
                                    return Value.Null.NULL;
                                }
                                throw new CallError("dev", "the short form takes a resource mapping",
                                        "pass (dev, handle, size, dir), or the mapping dma_map_resource returned");
                            }
                            HandleRange h = args.handle("handle");
                            long size = args.has("size") ? args.integer("size")
                                    : h.handle() != null ? h.handle().size() : 0;
                            var dir = args.has("dir") ? args.direction("dir")
                                    : h.handle() instanceof Mapping m ? m.direction() : null;
                            if (dir == null) {
                                throw new CallError(null, "missing argument 'dir'", "pass (dev, handle, size, dir)");
                            }
                            dm.dmaUnmapResource(args.device("dev"), h.address(), size, dir, ctx.site());
                            return Value.Null.NULL;
                        }));
    }
}
