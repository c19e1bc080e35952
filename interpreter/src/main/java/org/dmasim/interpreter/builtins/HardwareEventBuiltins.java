package org.dmasim.interpreter.builtins;

import static org.dmasim.interpreter.builtins.ParamType.VIEW;

import java.util.List;
import org.dmasim.interpreter.eval.Value;

/**
 * The events the hardware may do on its own between any two statements, forced so one outcome
 * shows concretely (docs/reference.md "hardware events").
 */
final class HardwareEventBuiltins {
    private HardwareEventBuiltins() {
    }

    @FunctionalInterface
    private interface Event {
        void apply(CallContext ctx, ViewRange r);
    }

    static List<Builtin> all() {
        return List.of(
                event("evict", "evicts the lines: dirty data is written back, the cache forgets them",
                        (ctx, r) -> ctx.kernel().evict(r.view(), r.offset(), r.length(), ctx.site())),
                event("prefetch", "fills the lines from memory, as a speculative prefetch would",
                        (ctx, r) -> ctx.kernel().prefetch(r.view(), r.offset(), r.length(), ctx.site())),
                event("writeback", "writes dirty lines back to memory; they stay cached, clean",
                        (ctx, r) -> ctx.kernel().writeback(r.view(), r.offset(), r.length(), ctx.site())));
    }

    private static Builtin event(String name, String doc, Event event) {
        return new Builtin(name, "hardware events",
                List.of(Param.required("view", VIEW, "a CPU view or a slice of one")), "nothing", doc,
                (ctx, args) -> {
                    event.apply(ctx, args.view("view"));
                    return Value.Null.NULL;
                });
    }
}
