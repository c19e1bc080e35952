package org.dmasim.interpreter.builtins;

import static org.dmasim.interpreter.builtins.ParamType.BYTES;
import static org.dmasim.interpreter.builtins.ParamType.INT;
import static org.dmasim.interpreter.builtins.ParamType.VIEW;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.interpreter.eval.Value;
import org.dmasim.interpreter.eval.Values;

/**
 * The I/O accessors and {@code iosys_map} helpers: docs/language.md, "Memory access" (include/linux/iosys-map.h,
 * asm/io.h), plus {@code clflush()}.
 */
final class IoAccessBuiltins {
    private IoAccessBuiltins() {
    }

    static List<Builtin> all() {
        return List.of(
                new Builtin("memcpy_toio", "I/O",
                        List.of(Param.required("dst", VIEW, "I/O memory (an is_iomem map or a BAR), or a slice"),
                                Param.required("value", BYTES, "the bytes, repeated to fill dst")),
                        "nothing", "stores to I/O memory with I/O instructions (uncached, ordered)",
                        (ctx, args) -> {
                            ViewRange r = args.view("dst");
                            ctx.kernel().dmaBuf().cpu().memcpyToio(r.view(), r.offset(), r.length(),
                                    Values.toBytes(args.value("value"), r.length(), ctx.kernel()), ctx.site());
                            return Value.Null.NULL;
                        }),
                new Builtin("memcpy_fromio", "I/O",
                        List.of(Param.required("src", VIEW, "I/O memory, or a slice")),
                        "the read's outcomes", "loads from I/O memory with I/O instructions",
                        (ctx, args) -> {
                            ViewRange r = args.view("src");
                            return new Value.Outcomes(ctx.kernel().dmaBuf().cpu().memcpyFromio(r.view(), r.offset(),
                                    r.length(), ctx.site()));
                        }),
                new Builtin("ioread32", "I/O",
                        List.of(Param.required("map", VIEW, "I/O memory"), Param.required("off", INT, "byte offset")),
                        "the read's outcomes (4 bytes; compare with u32(x))", "readl(): a 32-bit I/O load",
                        (ctx, args) -> {
                            ViewRange r = at(args, 4);
                            return new Value.Outcomes(ctx.kernel().dmaBuf().cpu().memcpyFromio(r.view(), r.offset(), 4,
                                    ctx.site()));
                        }),
                new Builtin("iowrite32", "I/O",
                        List.of(Param.required("map", VIEW, "I/O memory"), Param.required("off", INT, "byte offset"),
                                Param.required("v", INT, "the 32-bit value")),
                        "nothing", "writel(): a 32-bit I/O store",
                        (ctx, args) -> {
                            ViewRange r = at(args, 4);
                            byte[] b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                                    .putInt((int) args.integer("v")).array();
                            ctx.kernel().dmaBuf().cpu().memcpyToio(r.view(), r.offset(), 4, b, ctx.site());
                            return Value.Null.NULL;
                        }),
                new Builtin("iosys_map_memcpy_to", "I/O",
                        List.of(Param.required("map", VIEW, "an iosys_map"), Param.required("off", INT, "byte offset"),
                                Param.required("value", BYTES, "the bytes, at their natural length")),
                        "nothing", "copies into the map with memcpy_toio() when map.is_iomem, else memcpy()",
                        (ctx, args) -> {
                            Value v = args.value("value");
                            long n = Values.naturalLength(v);
                            ViewRange r = at(args, n);
                            ctx.kernel().dmaBuf().cpu().iosysMapMemcpyTo(r.view(), r.offset(), n, Values.toBytes(v, n, ctx.kernel()),
                                    ctx.site());
                            return Value.Null.NULL;
                        }),
                new Builtin("iosys_map_rd", "I/O",
                        List.of(Param.required("map", VIEW, "an iosys_map"), Param.required("off", INT, "byte offset"),
                                Param.withDefault("size", INT, new Value.Int(4), "4", "1, 2, 4 or 8 bytes")),
                        "the read's outcomes", "reads a value with readl() and friends when map.is_iomem, else a load",
                        (ctx, args) -> {
                            long n = args.integer("size");
                            if (n != 1 && n != 2 && n != 4 && n != 8) {
                                throw new CallError("size", "iosys_map_rd reads 1, 2, 4 or 8 bytes, not " + n,
                                        "use memcpy_fromio for other sizes");
                            }
                            ViewRange r = at(args, n);
                            return new Value.Outcomes(ctx.kernel().dmaBuf().cpu().iosysMapRd(r.view(), r.offset(), n,
                                    ctx.site()));
                        }),
                new Builtin("clflush", "hardware events",
                        List.of(Param.required("view", VIEW, "a CPU view or a slice")),
                        "nothing", "x86 clflush over the range: writes back and invalidates each cache line",
                        (ctx, args) -> {
                            ViewRange r = args.view("view");
                            ctx.kernel().dmaBuf().cpu().clflush(r.view(), r.offset(), r.length(), ctx.site());
                            return Value.Null.NULL;
                        }));
    }

    /** {@code map} (or a slice of it) at {@code off}, for {@code n} bytes. */
    static ViewRange at(Arguments args, long n) {
        ViewRange r = args.view("map");
        long off = args.integer("off");
        if (off < 0 || off + n > r.length()) {
            throw new CallError("off", "[" + off + ", " + (off + n) + ") is outside " + r.view().label() + " ("
                    + r.length() + " bytes)", null);
        }
        CpuView v = r.view();
        return new ViewRange(v, r.offset() + off, n);
    }
}
