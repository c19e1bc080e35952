package org.dmasim.interpreter.builtins;

import static org.dmasim.interpreter.builtins.ParamType.ANY;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.engine.check.Report;
import org.dmasim.interpreter.eval.Value;

/** {@code print}, {@code reports}: docs/reference.md "looking". */
final class LookingBuiltins {
    private LookingBuiltins() {
    }

    static List<Builtin> all() {
        return List.of(
                new Builtin("print", "looking", List.of(Param.required("x", ANY, "any value")), "nothing",
                        "prints a value; a read prints its outcomes",
                        (ctx, args) -> {
                            ctx.print(ctx.describe(args.value("x")));
                            return Value.Null.NULL;
                        }),
                new Builtin("reports", "looking", List.of(), "a list of {code, severity, message, help}",
                        "every report raised so far, in order",
                        (ctx, args) -> {
                            List<Value> out = new ArrayList<>();
                            for (Report r : ctx.kernel().reports()) {
                                Map<String, Value> f = new LinkedHashMap<>();
                                f.put("code", new Value.Str(r.code().name()));
                                f.put("severity", new Value.Str(r.severity().label()));
                                f.put("message", new Value.Str(r.message()));
                                f.put("help", r.help() == null ? Value.Null.NULL : new Value.Str(r.help()));
                                out.add(new Value.RecordValue(f));
                            }
                            return new Value.ListValue(out);
                        }));
    }
}
