package org.dmasim.repl;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.dmasim.interpreter.Session;
import org.dmasim.interpreter.builtins.Builtin;
import org.dmasim.interpreter.builtins.BuiltinRegistry;
import org.dmasim.interpreter.builtins.Constant;
import org.dmasim.interpreter.builtins.Param;
import org.dmasim.interpreter.builtins.ParamType;
import org.dmasim.interpreter.eval.Printer;
import org.dmasim.interpreter.eval.Value;
import org.dmasim.interpreter.eval.ValueKind;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Completes builtins and constants from the registry, keywords, and the live session's names
 * (devices, variables, functions); after {@code :} the meta-commands, after {@code :help} the builtins,
 * after {@code :load} and {@code :save} file names. In a builtin's argument list it offers what fits the
 * parameter there: the devices for {@code dev}, the mappings for {@code handle}, the directions for {@code dir}.
 */
public final class ReplCompleter implements Completer {
    static final List<String> KEYWORDS = org.dmasim.interpreter.lang.Keywords.all().stream()
            .map(org.dmasim.interpreter.lang.Keyword::name).toList();

    private static final Set<String> FILE_COMMANDS = Set.of(":load", ":save");

    private final Completers.FileNameCompleter files = new Completers.FileNameCompleter();
    private final BuiltinRegistry registry;
    private final Supplier<Session> session;
    private final List<MetaCommand> commands;

    public ReplCompleter(BuiltinRegistry registry, Supplier<Session> session, List<MetaCommand> commands) {
        this.registry = registry;
        this.session = session;
        this.commands = commands;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (ReplParser.isMeta(line.line())) {
            if (line.wordIndex() == 0) {
                for (MetaCommand c : commands) {
                    candidates.add(new Candidate(":" + c.name(), ":" + c.name(), "meta-commands", c.summary(), null,
                            null, true));
                }
            } else if (line.wordIndex() == 1 && FILE_COMMANDS.contains(line.words().get(0))) {
                files.complete(reader, line, candidates);
            } else if (line.words().get(0).equals(":help")) {
                builtins(candidates);
                for (MetaCommand c : commands) {
                    candidates.add(new Candidate(c.name(), c.name(), "meta-commands", c.summary(), null, null, true));
                }
            }
            return;
        }
        Param param = ArgumentPosition.param(line.line().substring(0, Math.min(line.cursor(), line.line().length())),
                registry);
        if (param != null && param.type() != ParamType.ANY && param.type() != ParamType.BYTES) {
            fitting(param, candidates);
            return;
        }
        builtins(candidates);
        for (Constant c : registry.constants()) {
            candidates.add(new Candidate(c.name(), c.name(), "constants", c.doc(), null, null, false));
        }
        for (String k : KEYWORDS) {
            candidates.add(new Candidate(k, k, "keywords", null, null, null, true));
        }
        Session s = session.get();
        for (String name : s.globals().visibleNames()) {
            if (registry.builtin(name).isPresent() || registry.constant(name).isPresent()) {
                continue;
            }
            Value v = s.globals().lookup(name);
            String group = v instanceof Value.DeviceValue ? "devices" : "variables";
            String descr = v == null ? null : abbreviate(Printer.describe(v));
            candidates.add(new Candidate(name, name, group, descr, null, null, false));
        }
    }

    /** In argument position: the session's values and the constants that fit the parameter's type. */
    private void fitting(Param param, List<Candidate> candidates) {
        String group = param.name() + ": " + param.type().description();
        Session s = session.get();
        for (String name : s.globals().visibleNames()) {
            Value v = s.globals().lookup(name);
            if (v != null && !(v instanceof Value.BuiltinFunction) && param.type() != ParamType.DIRECTION
                    && param.type().accepts(ValueKind.of(v))) {
                candidates.add(new Candidate(name, name, group, abbreviate(Printer.describe(v)), null, null, false));
            }
        }
        for (Constant c : registry.constants()) {
            boolean fits = param.type() == ParamType.DIRECTION ? c.group().equals("direction")
                    : param.type().accepts(ValueKind.of(c.value()));
            if (fits) {
                candidates.add(new Candidate(c.name(), c.name(), group, c.doc(), null, null, false));
            }
        }
        if (param.type() == ParamType.BOOL) {
            candidates.add(new Candidate("true", "true", group, null, null, null, false));
            candidates.add(new Candidate("false", "false", group, null, null, null, false));
        }
    }

    private void builtins(List<Candidate> candidates) {
        for (Builtin b : registry.builtins()) {
            candidates.add(new Candidate(b.name(), b.name(), "builtins", b.signature(), null, null, false));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
