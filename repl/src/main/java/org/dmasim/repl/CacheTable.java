package org.dmasim.repl;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dmasim.engine.cache.LineSnapshot;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.interpreter.Session;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.OutcomeText;
import org.dmasim.interpreter.eval.Printer;
import org.dmasim.interpreter.eval.Value;
import org.dmasim.interpreter.parse.ParseResult;
import org.dmasim.interpreter.parse.ScriptParser;
import org.dmasim.interpreter.ast.Statement;

/**
 * {@code :cache VIEW[range]}: one row per cache line: the states it could be in, every value a CPU read
 * could return (stale ones marked against program order), and what DRAM could hold (what a non-snooping
 * device reads). Looking changes nothing.
 */
final class CacheTable {
    static final int MAX_ROWS = 64;

    private final Session session;
    private final PrintStream out;

    CacheTable(Session session, PrintStream out) {
        this.session = session;
        this.out = out;
    }

    void print(String expression) {
        SourceFile source = new SourceFile("<cache>", expression);
        ParseResult parsed = new ScriptParser().parse(source);
        if (parsed.hasErrors() || parsed.program().statements().size() != 1
                || !(parsed.program().statements().get(0) instanceof Statement.ExprStatement s)
                || !Purity.pure(s.expr())) {
            out.println("error: :cache takes a CPU view or a slice of one, e.g. :cache rx[0..256]");
            return;
        }
        Session.Evaluated v = session.value(s.expr(), source);
        if (v.error() != null) {
            out.print(v.error());
            return;
        }
        Value value = v.value();
        long offset = 0;
        Long length = null;
        if (value instanceof Value.Slice slice) {
            offset = slice.offset();
            length = slice.length();
            value = slice.base();
        }
        CpuView view = switch (value) {
            case Value.View w -> w.view();
            case Value.Coherent c -> c.allocation().cpu();
            default -> null;
        };
        if (view == null) {
            out.println("error: " + expression + " is " + value.typeName() + ", not a CPU view");
            return;
        }
        table(view, offset, length == null ? view.size() - offset : length);
    }

    private void table(CpuView view, long offset, long length) {
        List<LineSnapshot> lines;
        try {
            lines = session.kernel().cacheLines(view, offset, length);
        } catch (RuntimeException e) {
            out.println("error: " + e.getMessage());
            return;
        }
        out.printf("%-8s %-16s %-22s %-34s %s%n", "offset", "phys", "states", "cpu reads", "memory (non-snooping device)");
        long viewStart = view.phys(offset) - offset;
        int rows = 0;
        for (LineSnapshot l : lines) {
            if (rows++ == MAX_ROWS) {
                out.println("... " + (lines.size() - MAX_ROWS) + " more lines (give a smaller range)");
                break;
            }
            int line = l.configs().get(0).memory().length;
            long from = Math.max(l.phys(), view.phys(offset));
            long to = Math.min(l.phys() + line, view.phys(offset) + length);
            int lo = (int) (from - l.phys());
            int hi = (int) Math.max(lo, to - l.phys());
            byte[] latest = session.kernel().machine().shadowOf(from, hi - lo);
            Set<String> states = new LinkedHashSet<>();
            List<byte[]> cpu = new ArrayList<>();
            List<byte[]> memory = new ArrayList<>();
            for (LineSnapshot.Config c : l.configs()) {
                states.add(c.state());
                add(cpu, Arrays.copyOfRange(c.cpuVisible(), lo, hi));
                add(memory, Arrays.copyOfRange(c.memory(), lo, hi));
            }
            out.printf("%-8s %-16s %-22s %-34s %s%n", Printer.number(from - viewStart), Printer.number(l.phys()),
                    String.join(" ", ordered(states)), values(cpu, latest), values(memory, null));
        }
    }

    private static List<String> ordered(Set<String> states) {
        return java.util.stream.Stream.of("Invalid", "Clean", "Dirty").filter(states::contains).toList();
    }

    private static void add(List<byte[]> values, byte[] v) {
        for (byte[] seen : values) {
            if (Arrays.equals(seen, v)) {
                return;
            }
        }
        values.add(v);
    }

    private static String values(List<byte[]> values, byte[] latest) {
        List<String> parts = new ArrayList<>();
        for (byte[] v : values) {
            parts.add(OutcomeText.bytes(v) + (latest != null && !Arrays.equals(v, latest) ? " (stale)" : ""));
        }
        return String.join(" | ", parts);
    }
}
