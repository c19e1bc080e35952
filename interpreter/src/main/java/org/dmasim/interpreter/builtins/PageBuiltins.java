package org.dmasim.interpreter.builtins;

import static org.dmasim.interpreter.builtins.ParamType.INT;
import static org.dmasim.interpreter.builtins.ParamType.VIEW;

import java.util.List;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.Gfp;
import org.dmasim.interpreter.eval.Value;

/** Page allocation: docs/reference.md "pages". */
final class PageBuiltins {
    private PageBuiltins() {
    }

    static List<Builtin> all() {
        return List.of(
                new Builtin("alloc_pages", "pages",
                        List.of(Param.required("size", INT, "bytes, rounded up to whole pages"),
                                Param.withDefault("gfp", INT, new Value.Int(Gfp.GFP_KERNEL), "GFP_KERNEL",
                                        "zone flags: GFP_KERNEL, GFP_DMA32, GFP_DMA")),
                        "a buffer, or null when the allocator fails",
                        "physically contiguous zeroed pages, placed by zone like the buddy allocator (at most 4 MiB)",
                        (ctx, args) -> {
                            Buffer b = ctx.kernel().allocPages(args.integer("size"), args.integer("gfp"), ctx.site());
                            return b == null ? Value.Null.NULL : new Value.View(b);
                        }),
                new Builtin("free_pages", "pages",
                        List.of(Param.required("buf", VIEW, "a buffer from alloc_pages")),
                        "nothing", "gives the pages back; any later access is a use after free",
                        (ctx, args) -> {
                            ViewRange r = args.view("buf");
                            if (!(r.view() instanceof Buffer b)) {
                                throw args.wrongType("buf", "a buffer from alloc_pages");
                            }
                            ctx.kernel().freePages(b, ctx.site());
                            return Value.Null.NULL;
                        }));
    }
}
