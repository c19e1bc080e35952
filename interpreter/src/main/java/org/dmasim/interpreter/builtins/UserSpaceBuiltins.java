package org.dmasim.interpreter.builtins;

import static org.dmasim.interpreter.builtins.ParamType.INT;
import static org.dmasim.interpreter.builtins.ParamType.VIEW;

import java.util.List;
import org.dmasim.interpreter.eval.Value;

/** User space on a dma-buf fd: docs/reference.md "user space" (mmap, munmap, DMA_BUF_IOCTL_SYNC, close). */
final class UserSpaceBuiltins {
    private UserSpaceBuiltins() {
    }

    static List<Builtin> all() {
        return List.of(
                new Builtin("mmap", "user space",
                        List.of(Param.required("fd", INT, "a dma-buf fd"),
                                Param.optional("size", INT, "bytes to map (default: to the end of the buffer)"),
                                Param.withDefault("offset", INT, Value.Int.ZERO, "0", "page-aligned offset")),
                        "a user mapping (a CPU view), or -errno",
                        "mmap through the dma-buf fd, with the exporter's memory type; past the end is -EINVAL",
                        (ctx, args) -> DmaBufArgs.result(ctx.kernel().dmaBuf().mmap(DmaBufArgs.fd(args, "fd"),
                                args.integer("offset"), args.has("size") ? args.integer("size") : -1, ctx.site()),
                                u -> new Value.View(u))),
                new Builtin("munmap", "user space", List.of(Param.required("u", VIEW, "a user mapping")),
                        "nothing", "removes a user mapping (and its reference to the dma-buf)",
                        (ctx, args) -> {
                            ctx.kernel().dmaBuf().munmap(DmaBufArgs.userMapping(args, "u"), ctx.site());
                            return Value.Null.NULL;
                        }),
                new Builtin("dma_buf_sync", "user space",
                        List.of(Param.required("fd", INT, "a dma-buf fd"),
                                Param.required("flags", INT, "DMA_BUF_SYNC_START/END | DMA_BUF_SYNC_READ/WRITE/RW")),
                        "0, or -errno",
                        "the DMA_BUF_IOCTL_SYNC ioctl: START calls begin_cpu_access (which then waits for the "
                                + "fences the CPU access must not overtake), END end_cpu_access; flags outside 0x7 or "
                                + "without READ/WRITE are -EINVAL",
                        ImplicitWaits::syncIoctl),
                new Builtin("close", "user space", List.of(Param.required("fd", INT, "a dma-buf fd")),
                        "0, or -EBADF when the fd is not open",
                        "closes the fd and drops its reference to the dma-buf (the last one releases it); "
                                + "mmap, dma_buf_get and dma_buf_sync on a closed fd return -EBADF",
                        (ctx, args) -> new Value.Int(ctx.kernel().dmaBuf().close(DmaBufArgs.fd(args, "fd"),
                                ctx.site()))));
    }
}
