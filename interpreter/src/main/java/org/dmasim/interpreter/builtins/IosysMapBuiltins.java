package org.dmasim.interpreter.builtins;

import static org.dmasim.interpreter.builtins.ParamType.ANY;
import static org.dmasim.interpreter.builtins.ParamType.INT;
import static org.dmasim.interpreter.builtins.ParamType.VIEW;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.dmasim.interpreter.eval.Value;
import org.dmasim.interpreter.eval.Values;

/**
 * The rest of include/linux/iosys-map.h: each accessor takes the I/O path (memcpy_fromio,
 * memset_io, writel...) when {@code map.is_iomem}, the plain one otherwise. The kernel's
 * {@code iosys_map_incr} and {@code iosys_map_clear} change the struct in place; script values do
 * not change, so here they return the new map ({@code map = iosys_map_incr(map, 16)}).
 */
final class IosysMapBuiltins {
    private static final Value.Int FOUR = new Value.Int(4);

    private IosysMapBuiltins() {
    }

    static List<Builtin> all() {
        return List.of(
                new Builtin("iosys_map_memcpy_from", "I/O",
                        List.of(mapParam(), Param.required("off", INT, "byte offset"),
                                Param.required("len", INT, "bytes to copy")),
                        "the read's outcomes", "copies out of the map: memcpy_fromio() when map.is_iomem, else memcpy()",
                        (ctx, args) -> {
                            ViewRange r = at(args, args.integer("len"));
                            return new Value.Outcomes(ctx.kernel().dmaBuf().cpu().iosysMapRd(r.view(), r.offset(),
                                    r.length(), ctx.site()));
                        }),
                new Builtin("iosys_map_memset", "I/O",
                        List.of(mapParam(), Param.required("off", INT, "byte offset"),
                                Param.required("value", INT, "the byte"), Param.required("len", INT, "bytes to set")),
                        "nothing", "fills len bytes: memset_io() when map.is_iomem, else memset()",
                        (ctx, args) -> {
                            ViewRange r = at(args, args.integer("len"));
                            ctx.kernel().dmaBuf().cpu().iosysMapMemcpyTo(r.view(), r.offset(), r.length(),
                                    new byte[] {(byte) args.integer("value")}, ctx.site());
                            return Value.Null.NULL;
                        }),
                new Builtin("iosys_map_wr", "I/O",
                        List.of(mapParam(), Param.required("off", INT, "byte offset"),
                                Param.required("value", INT, "the value"),
                                Param.withDefault("size", INT, FOUR, "4", "1, 2, 4 or 8 bytes (sizeof the type)")),
                        "nothing", "writes a value with writel() and friends when map.is_iomem, else a store",
                        (ctx, args) -> write(ctx, args, args.integer("off"))),
                new Builtin("iosys_map_rd_field", "I/O",
                        List.of(mapParam(), Param.required("struct_offset", INT, "where the struct starts"),
                                Param.required("field_offset", INT, "offsetof(struct, field)"),
                                Param.withDefault("size", INT, FOUR, "4", "sizeof the field: 1, 2, 4 or 8")),
                        "the read's outcomes", "reads one field of a struct in the map, as iosys_map_rd_field()",
                        (ctx, args) -> {
                            long n = size(args);
                            ViewRange r = at(args, args.integer("struct_offset") + args.integer("field_offset"), n);
                            return new Value.Outcomes(ctx.kernel().dmaBuf().cpu().iosysMapRd(r.view(), r.offset(), n,
                                    ctx.site()));
                        }),
                new Builtin("iosys_map_wr_field", "I/O",
                        List.of(mapParam(), Param.required("struct_offset", INT, "where the struct starts"),
                                Param.required("field_offset", INT, "offsetof(struct, field)"),
                                Param.required("value", INT, "the value"),
                                Param.withDefault("size", INT, FOUR, "4", "sizeof the field: 1, 2, 4 or 8")),
                        "nothing", "writes one field of a struct in the map, as iosys_map_wr_field()",
                        (ctx, args) -> write(ctx, args, args.integer("struct_offset") + args.integer("field_offset"))),
                new Builtin("IOSYS_MAP_INIT_OFFSET", "I/O",
                        List.of(mapParam(), Param.required("offset", INT, "bytes into the map")),
                        "a map offset bytes further in, with the same is_iomem",
                        "a new iosys_map at an offset of another (the original is unchanged)",
                        (ctx, args) -> offsetMap(args, "offset")).asPure(),
                new Builtin("iosys_map_incr", "I/O",
                        List.of(mapParam(), Param.required("incr", INT, "bytes to advance")),
                        "the advanced map (write map = iosys_map_incr(map, n))",
                        "advances the map by incr bytes; the kernel changes the struct in place, a script "
                                + "assigns the result",
                        (ctx, args) -> offsetMap(args, "incr")).asPure(),
                new Builtin("iosys_map_is_null", "I/O",
                        List.of(Param.required("map", ANY, "an iosys_map or null")),
                        "true when the map points nowhere", "iosys_map_is_null(): no vaddr (a cleared map, or null)",
                        (ctx, args) -> Value.Bool.of(args.value("map") instanceof Value.Null)).asPure(),
                new Builtin("iosys_map_is_set", "I/O",
                        List.of(Param.required("map", ANY, "an iosys_map or null")),
                        "true when the map points somewhere", "iosys_map_is_set(): the opposite of iosys_map_is_null",
                        (ctx, args) -> Value.Bool.of(!(args.value("map") instanceof Value.Null))).asPure(),
                new Builtin("iosys_map_is_equal", "I/O",
                        List.of(Param.required("lhs", ANY, "an iosys_map or null"),
                                Param.required("rhs", ANY, "an iosys_map or null")),
                        "true when both point at the same address of the same kind",
                        "iosys_map_is_equal(): same is_iomem and the same address (what dma_buf_vunmap checks)",
                        (ctx, args) -> Value.Bool.of(equal(args.value("lhs"), args.value("rhs")))).asPure(),
                new Builtin("iosys_map_clear", "I/O",
                        List.of(Param.required("map", ANY, "an iosys_map")),
                        "a cleared map (null: iosys_map_is_null is true)",
                        "iosys_map_clear(): the map points nowhere; a script assigns the result",
                        (ctx, args) -> Value.Null.NULL).asPure());
    }

    private static Param mapParam() {
        return Param.required("map", VIEW, "an iosys_map (dma_buf_vmap), or a slice of one");
    }

    private static Value write(CallContext ctx, Arguments args, long off) {
        long n = size(args);
        ViewRange r = at(args, off, n);
        byte[] b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(args.integer("value")).array();
        ctx.kernel().dmaBuf().cpu().iosysMapMemcpyTo(r.view(), r.offset(), n, Arrays.copyOf(b, (int) n),
                ctx.site());
        return Value.Null.NULL;
    }

    private static long size(Arguments args) {
        long n = args.integer("size");
        if (n != 1 && n != 2 && n != 4 && n != 8) {
            throw new CallError("size", "an iosys_map accessor moves 1, 2, 4 or 8 bytes, not " + n,
                    "use iosys_map_memcpy_to/_from for other sizes");
        }
        return n;
    }

    private static ViewRange at(Arguments args, long n) {
        return at(args, args.integer("off"), n);
    }

    /** {@code map} (or its slice) at {@code off}, for {@code n} bytes, inside it. */
    private static ViewRange at(Arguments args, long off, long n) {
        ViewRange r = args.view("map");
        if (off < 0 || n <= 0 || off + n > r.length()) {
            throw new CallError("map", "[" + off + ", " + (off + n) + ") is outside " + r.view().label() + " ("
                    + r.length() + " bytes)", null);
        }
        return new ViewRange(r.view(), r.offset() + off, n);
    }

    private static Value offsetMap(Arguments args, String param) {
        ViewRange r = args.view("map");
        long off = args.integer(param);
        if (off < 0 || off > r.length()) {
            throw new CallError(param, off + " bytes is outside " + r.view().label() + " (" + r.length() + " bytes)",
                    null);
        }
        Value base = args.value("map") instanceof Value.Slice s ? s.base() : args.value("map");
        return new Value.Slice(base, r.offset() + off, r.length() - off);
    }

    private static boolean equal(Value a, Value b) {
        if (a instanceof Value.Null || b instanceof Value.Null) {
            return a instanceof Value.Null && b instanceof Value.Null;
        }
        ViewRange x = Values.toViewRange(a, "lhs");
        ViewRange y = Values.toViewRange(b, "rhs");
        return x.view() == y.view() && x.offset() == y.offset();
    }
}
