package org.dmasim.repl;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.engine.check.Report;
import org.dmasim.interpreter.Session;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.SilentListener;
import org.dmasim.interpreter.timeline.TimelineRecorder;
import org.dmasim.interpreter.timeline.TimelineText;
import org.dmasim.interpreter.builtins.Builtin;
import org.dmasim.interpreter.builtins.BuiltinRegistry;
import org.dmasim.interpreter.diag.Suggestions;
import org.dmasim.interpreter.eval.ScriptError;
import org.dmasim.interpreter.eval.SourceSite;

/** The one list of meta-commands; {@code :help}, completion and the README's table come from it. */
final class MetaCommands {
    /** An entry's own {@code arch NAME} line. */
    private static final java.util.regex.Pattern OWN_ARCH =
            java.util.regex.Pattern.compile("(?m)^[ \\t]*arch[ \\t]+\\w+[ \\t]*$");

    private final Repl repl;
    private final PrintStream out;
    private final BuiltinRegistry registry = BuiltinRegistry.standard();

    private MetaCommands(Repl repl) {
        this.repl = repl;
        this.out = repl.out();
    }

    static List<MetaCommand> all(Repl repl) {
        MetaCommands m = new MetaCommands(repl);
        return List.of(
                new MetaCommand("help", "[name]", "the commands; or what a builtin, keyword, field, property, report code or arch"
                        + " is", m::help),
                new MetaCommand("state", "", "devices, buffers, mappings (owner, direction), dma-bufs", m::state),
                new MetaCommand("cache", "VIEW[range]", "each cache line's possible states and values", m::cache),
                new MetaCommand("timeline", "VIEW[range]", "the range after each entry's statements: owner, cache lines,"
                        + " DRAM, bounce slot, reports", m::timeline),
                new MetaCommand("reports", "", "every report raised so far", m::reports),
                new MetaCommand("executions", "[N]", "with device jobs or forks: how many executions, and the first N"
                        + " (10): interleaving, jobs, branches", m::executions),
                new MetaCommand("arch", "NAME", "switch arch profile: replay the session on a new machine", m::arch),
                new MetaCommand("reset", "", "a new, empty machine (same arch)", m::reset),
                new MetaCommand("list", "", "the entries that succeeded, with their numbers", m::list),
                new MetaCommand("drop", "N", "take entry N back: the others replay on a new machine", m::drop),
                new MetaCommand("undo", "", "take the last entry back", m::undo),
                new MetaCommand("load", "FILE", "run a .dma file as one entry", m::load),
                new MetaCommand("save", "FILE", "write the entries that succeeded as a replayable .dma", m::save),
                new MetaCommand("quit", "", "leave (Ctrl-D does too)", a -> false));
    }

    private boolean help(String name) {
        if (name.isEmpty()) {
            out.println("Type .dma statements; an entry goes on while a bracket is open. Commands:");
            for (MetaCommand c : repl.commands()) {
                out.printf("  %-20s %s%n", c.synopsis(), c.summary());
            }
            Map<String, List<String>> groups = new LinkedHashMap<>();
            for (Builtin b : registry.builtins()) {
                groups.computeIfAbsent(b.group(), g -> new ArrayList<>()).add(b.name());
            }
            out.println("Builtins (:help NAME for one; Tab completes):");
            groups.forEach((g, names) -> out.printf("  %-16s %s%n", g, String.join(" ", names)));
            out.println("Also :help KEYWORD (expect, for, device ...), a device property (dma_mask, coherent ...),"
                    + " a report code (STALE_READ ...) or an arch (" + String.join(" ",
                    org.dmasim.interpreter.eval.Stdlib.index("arch")) + ").");
            out.println("Ctrl-C stops a running entry; a failing entry leaves the machine as it was.");
            return true;
        }
        String n = name.startsWith(":") ? name.substring(1) : name;
        List<String> found = new ArrayList<>(org.dmasim.interpreter.docs.Help.of(n, registry));
        for (MetaCommand c : repl.commands()) {
            if (c.name().equals(n)) {
                found.add(":" + c.name() + (c.synopsis().isEmpty() ? "" : " " + c.synopsis()) + "  " + c.summary());
            }
        }
        if (!found.isEmpty()) {
            found.forEach(out::println);
            return true;
        }
        List<String> all = new ArrayList<>(org.dmasim.interpreter.docs.Help.names(registry));
        repl.commands().forEach(c -> all.add(c.name()));
        String near = Suggestions.closest(n, all);
        out.println("nothing is named " + n + (near == null ? "" : "; did you mean " + near + "?")
                + " (:help lists the topics)");
        return true;
    }

    private boolean state(String argument) {
        firstExecutionNote();
        new StateView(repl.session(), out).print();
        return true;
    }

    private boolean cache(String argument) {
        if (argument.isEmpty()) {
            out.println("usage: :cache VIEW[range], e.g. :cache rx[0..256]");
            return true;
        }
        firstExecutionNote();
        new CacheTable(repl.session(), out).print(argument);
        return true;
    }

    private boolean timeline(String argument) {
        SourceFile focusSource = new SourceFile(":timeline", argument);
        Expr focus = argument.isEmpty() ? null : Purity.lookingExpression(focusSource);
        if (focus == null) {
            out.println("usage: :timeline VIEW[range], e.g. :timeline rx[0..256]");
            return true;
        }
        TimelineRecorder recorder = TimelineRecorder.range(new SilentListener(), new SourceFile("<repl>", ""), focus,
                focusSource);
        repl.session().replayOnNewMachine(recorder);
        if (recorder.focusProblem() != null) {
            out.print(recorder.focusProblem());
        } else {
            TimelineText.print(recorder.timeline(), argument.strip(), out);
        }
        return true;
    }

    private boolean executions(String argument) {
        int limit = 10;
        if (!argument.isEmpty()) {
            try {
                limit = Integer.parseInt(argument);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1) {
                out.println("usage: :executions [N], N executions to describe (10 by default)");
                return true;
            }
        }
        new ExecutionsView(out).print(repl.session().executions(), limit);
        return true;
    }

    /** In a concurrent session the machine :state, :cache and :reports look at is the first execution's. */
    private void firstExecutionNote() {
        org.dmasim.interpreter.Executions e = repl.session().executions();
        if (e != null && e.count() > 1) {
            out.println("(the machine of the first of " + e.count() + " executions; :executions lists them)");
        }
    }

    private boolean reports(String argument) {
        firstExecutionNote();
        List<Report> all = repl.session().kernel().reports();
        if (all.isEmpty()) {
            out.println("no reports");
        }
        int i = 1;
        for (Report r : all) {
            String at = r.site() instanceof SourceSite s ? s.file().name() + ":" + s.line() + ":" + s.column() + ": "
                    : "";
            out.printf("%3d %s[%s] %s%s%n", i++, r.severity().label(), r.code().name(), at, r.message());
        }
        return true;
    }

    private boolean arch(String name) {
        if (name.isEmpty()) {
            String current = repl.session().kernel().profile().name();
            out.println("arch " + current + "; :arch NAME switches (" + String.join(" ",
                    org.dmasim.interpreter.eval.Stdlib.index("arch")) + ")");
            return true;
        }
        List<Session.Entry> entries = repl.session().numbered();
        try {
            List<Session.Entry> failed = repl.restart(name, entries);
            out.println("arch " + name + ": replayed " + (entries.size() - failed.size()) + " of " + entries.size()
                    + " entries on a new machine" + (failed.isEmpty() ? ""
                            : " (" + numbers(failed) + " fail on " + name + " and are dropped)"));
        } catch (ScriptError e) {
            out.print(org.dmasim.interpreter.ScriptErrors.render(e, repl.style()));
        }
        return true;
    }

    private boolean reset(String argument) {
        repl.restart(null, List.of());
        out.println("a new machine (arch " + repl.session().kernel().profile().name() + ")");
        return true;
    }

    private boolean list(String argument) {
        List<Session.Entry> entries = repl.session().numbered();
        if (entries.isEmpty()) {
            out.println("no entries yet");
        }
        for (Session.Entry e : entries) {
            String[] lines = e.text().split("\n", -1);
            String number = "[" + e.number() + "]";
            for (int i = 0; i < lines.length; i++) {
                out.printf("%6s %s%n", i == 0 ? number : "", lines[i]);
            }
        }
        return true;
    }

    private boolean drop(String argument) {
        int number;
        try {
            number = Integer.parseInt(argument.replaceAll("^\\[|\\]$", "").strip());
        } catch (NumberFormatException e) {
            out.println("usage: :drop N, the number :list shows");
            return true;
        }
        List<Session.Entry> failed = repl.session().drop(number);
        if (failed == null) {
            out.println("no entry [" + number + "] (:list shows the entries)");
            return true;
        }
        out.println("dropped [" + number + "]: replayed " + repl.session().numbered().size()
                + " entries on a new machine" + (failed.isEmpty() ? ""
                        : "; " + numbers(failed) + " fail without it and are dropped too"));
        return true;
    }

    private boolean undo(String argument) {
        Session.Entry last = repl.session().last();
        if (last == null) {
            out.println("nothing to undo");
            return true;
        }
        repl.session().drop(last.number());
        out.println("undid [" + last.number() + "] " + abbreviate(last.text()));
        return true;
    }

    private static String numbers(List<Session.Entry> entries) {
        return String.join(", ", entries.stream().map(e -> "[" + e.number() + "]").toList());
    }

    private static String abbreviate(String text) {
        String one = text.strip().replace('\n', ' ');
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }

    private boolean load(String file) {
        if (file.isEmpty()) {
            out.println("usage: :load FILE");
            return true;
        }
        try {
            repl.load(Files.readString(Path.of(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            out.println("error: cannot read " + file + ": " + describe(e));
        }
        return true;
    }

    private boolean save(String file) {
        if (file.isEmpty()) {
            out.println("usage: :save FILE");
            return true;
        }
        Session s = repl.session();
        StringBuilder text = new StringBuilder("# saved by the dmasim REPL\n");
        if (s.arch() != null) {
            text.append("arch ").append(s.arch()).append('\n');
        }
        for (String entry : s.entries()) {
            // under a chosen arch the session ignored the entries' own arch statements; so does the file
            String kept = s.arch() == null ? entry
                    : OWN_ARCH.matcher(entry).replaceAll("# $0  (ignored: arch " + s.arch() + ")");
            text.append(kept.stripTrailing()).append('\n');
        }
        try {
            Files.writeString(Path.of(file), text, StandardCharsets.UTF_8);
            out.println("saved " + s.entries().size() + " entries to " + file);
        } catch (IOException e) {
            out.println("error: cannot write " + file + ": " + describe(e));
        }
        return true;
    }

    private static String describe(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage();
    }
}
