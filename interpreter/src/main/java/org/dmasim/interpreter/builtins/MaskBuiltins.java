package org.dmasim.interpreter.builtins;

import static org.dmasim.interpreter.builtins.ParamType.DEVICE;
import static org.dmasim.interpreter.builtins.ParamType.INT;

import java.util.List;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.machine.Device;
import org.dmasim.interpreter.eval.Value;

/**
 * DMA masks: docs/reference.md "masks" (kernel/dma/mapping.c {@code dma_set_mask},
 * {@code dma_set_coherent_mask}, include/linux/dma-mapping.h {@code dma_set_mask_and_coherent}).
 * The mask is given in bits ({@code 32}) or as the mask itself ({@code DMA_BIT_MASK(32)}).
 */
final class MaskBuiltins {
    private MaskBuiltins() {
    }

    private interface Setter {
        int set(Kernel k, Device dev, int bits);
    }

    static List<Builtin> all() {
        return List.of(
                mask("dma_set_mask", "sets the streaming mask", Kernel::dmaSetMask),
                mask("dma_set_coherent_mask", "sets the mask for coherent allocations", Kernel::dmaSetCoherentMask),
                mask("dma_set_mask_and_coherent", "sets both masks; returns dma_set_mask's result",
                        Kernel::dmaSetMaskAndCoherent));
    }

    private static Builtin mask(String name, String doc, Setter setter) {
        return new Builtin(name, "masks",
                List.of(Param.required("dev", DEVICE, "the device"),
                        Param.required("mask", INT, "bits (1..64) or DMA_BIT_MASK(bits)")),
                "0, or -EIO (-5) when the platform cannot support the mask",
                doc + ": 32 bits and more always work on the direct path; less must cover ZONE_DMA",
                (ctx, args) -> new Value.Int(setter.set(ctx.kernel(), args.device("dev"), bits(args))));
    }

    private static int bits(Arguments args) {
        long v = args.integer("mask");
        if (v >= 1 && v <= 64) {
            return (int) v;
        }
        if (v == -1L) {
            return 64;
        }
        if (v > 0 && Long.bitCount(v + 1) == 1) {
            return Long.numberOfTrailingZeros(v + 1);
        }
        throw new CallError("mask", Long.toUnsignedString(v, 16) + " is neither a bit count nor DMA_BIT_MASK(n)",
                "pass 32 or DMA_BIT_MASK(32)");
    }
}
