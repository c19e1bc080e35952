package org.dmasim.interpreter.docs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.check.Severity;
import org.dmasim.interpreter.builtins.Builtin;
import org.dmasim.interpreter.builtins.BuiltinRegistry;
import org.dmasim.interpreter.builtins.Constant;
import org.dmasim.interpreter.builtins.Param;
import org.dmasim.interpreter.eval.Printer;
import org.dmasim.interpreter.eval.Stdlib;
import org.dmasim.interpreter.lang.Field;
import org.dmasim.interpreter.lang.Fields;
import org.dmasim.interpreter.lang.Keyword;
import org.dmasim.interpreter.lang.Keywords;
import org.dmasim.interpreter.lang.Properties;
import org.dmasim.interpreter.lang.Property;

/**
 * {@code :help NAME}: what the registry says of a builtin, a constant, a keyword, a field, a device,
 * machine or profile property, a report code or an arch profile (every one that has that name), from the same
 * declarations as docs/reference.md.
 */
public final class Help {
    private Help() {
    }

    /** The help text of every entry named {@code name}; empty when nothing has that name. */
    public static List<String> of(String name, BuiltinRegistry registry) {
        List<String> out = new ArrayList<>();
        registry.builtin(name).ifPresent(b -> builtin(b, out));
        registry.constant(name).ifPresent(c -> constant(c, out));
        Keywords.find(name).ifPresent(k -> keyword(k, out));
        Fields.named(name).forEach(f -> field(f, out));
        property(Properties.device(), name, out);
        property(Properties.machine(), name, out);
        property(Properties.profile(), name, out);
        Arrays.stream(ReportCode.values()).filter(c -> c.name().equals(name)).findFirst()
                .ifPresent(c -> reportCode(c, out));
        if (Stdlib.index("arch").contains(name)) {
            profile(name, out);
        }
        return out;
    }

    /** Every name {@link #of} knows, for did-you-mean and completion. */
    public static List<String> names(BuiltinRegistry registry) {
        List<String> all = new ArrayList<>(registry.names());
        Keywords.all().forEach(k -> all.add(k.name()));
        Fields.all().stream().map(Field::name).distinct().forEach(all::add);
        for (List<Property> block : List.of(Properties.device(), Properties.machine(), Properties.profile())) {
            block.forEach(p -> all.add(p.name()));
        }
        Arrays.stream(ReportCode.values()).forEach(c -> all.add(c.name()));
        all.addAll(Stdlib.index("arch"));
        return all;
    }

    private static void builtin(Builtin b, List<String> out) {
        out.add(b.signature() + (b.returns().equals("nothing") ? "" : " -> " + b.returns()));
        out.add("  " + b.doc());
        for (Param p : b.params()) {
            out.add(String.format("  %-10s %s", p.name(), p.doc()));
        }
    }

    private static void constant(Constant c, List<String> out) {
        out.add(c.name() + " = " + Printer.describe(c.value()));
        out.add("  " + c.doc());
    }

    private static void keyword(Keyword k, List<String> out) {
        out.add("keyword " + k.name() + ":");
        k.forms().forEach(f -> out.add("  " + f));
        out.add("  " + k.doc());
        out.add("  (docs/language.md#" + k.section() + ")");
    }

    private static void field(Field f, List<String> out) {
        out.add("field " + f.name() + " of " + f.owner() + ": " + f.typeText());
        out.add("  " + f.doc());
    }

    private static void property(List<Property> block, String name, List<String> out) {
        Properties.find(block, name).ifPresent(p -> {
            out.add(p.owner() + " property " + p.name() + ": " + p.takes() + ", default " + p.defaultText());
            out.add("  " + p.doc());
        });
    }

    private static void reportCode(ReportCode code, List<String> out) {
        String severity = code.defaultSeverity() == Severity.ERROR ? "error" : "warning";
        out.add("report " + code.name() + " (" + severity + ")");
        out.add("  means: " + ReportCodeMeanings.of(code).orElse("(not described yet)"));
        out.add("  fix:   " + ReportCodeFixes.of(code).orElse("(not described yet)"));
        out.add("  (docs/semantics.md#" + code.name().toLowerCase() + ")");
    }

    private static void profile(String name, List<String> out) {
        String text = Stdlib.read("arch/" + name + ".dma").orElse("");
        out.add("arch profile " + name + " (stdlib/arch/" + name + ".dma):");
        for (String line : text.lines().toList()) {
            if (!line.isBlank()) {
                out.add("  " + line);
            }
        }
    }
}
