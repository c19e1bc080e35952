package org.dmasim.interpreter.builtins;

import static org.dmasim.interpreter.builtins.ParamType.INT;
import static org.dmasim.interpreter.builtins.ParamType.LIST;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.dmasim.interpreter.eval.Value;

/** Values to write and masks: {@code u32}, {@code u64}, {@code pattern}, {@code DMA_BIT_MASK}. */
final class ValueBuiltins {
    private ValueBuiltins() {
    }

    static List<Builtin> all() {
        return List.of(
                new Builtin("u32", "values", List.of(Param.required("x", INT, "the value")),
                        "4 bytes", "x as a little-endian 32-bit word, to write or compare",
                        (ctx, args) -> {
                            long x = args.integer("x");
                            if (Long.compareUnsigned(x, 0xFFFF_FFFFL) > 0) {
                                throw new CallError("x", Long.toUnsignedString(x, 16) + " does not fit in 32 bits", null);
                            }
                            byte[] b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) x).array();
                            return new Value.Bytes(b, false, 0, "u32(0x" + Long.toHexString(x) + ")");
                        }).asPure(),
                new Builtin("u64", "values", List.of(Param.required("x", INT, "the value")),
                        "8 bytes", "x as a little-endian 64-bit word, to write or compare",
                        (ctx, args) -> {
                            long x = args.integer("x");
                            byte[] b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(x).array();
                            return new Value.Bytes(b, false, 0, "u64(0x" + Long.toUnsignedString(x, 16) + ")");
                        }).asPure(),
                new Builtin("pattern", "values", List.of(Param.required("seed", INT, "the stream's seed")),
                        "a byte stream", "a deterministic pseudo-random byte stream: every byte differs, so stale data shows. One write of it "
                                + "covers at most 64 MiB (write a larger range in slices)",
                        (ctx, args) -> new Value.Bytes(new byte[0], true, args.integer("seed"),
                                "pattern(" + args.integer("seed") + ")")).asPure(),
                new Builtin("len", "values", List.of(Param.required("xs", LIST, "a list")),
                        "an integer", "the number of items in a list (a ring's slots: ring[frame % len(ring)])",
                        (ctx, args) -> new Value.Int(((Value.ListValue) args.value("xs")).items().size())).asPure(),
                new Builtin("DMA_BIT_MASK", "masks", List.of(Param.required("n", INT, "bits, 1..64")),
                        "an integer", "the mask with the low n bits set, as include/linux/dma-mapping.h defines it",
                        (ctx, args) -> {
                            int n = args.intInRange("n", 1, 64);
                            return new Value.Int(n == 64 ? -1L : (1L << n) - 1);
                        }).asPure());
    }
}
