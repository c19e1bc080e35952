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
import org.dmasim.interpreter.parse.ParseResult;
import org.dmasim.interpreter.parse.ScriptParser;
import org.dmasim.interpreter.timeline.Target;
import org.dmasim.interpreter.ast.Statement;

/**
 * {@code :cache VIEW[range]}: one row per cache line: the states it could be in, every value a CPU read
 * could return (stale ones marked against program order), and what DRAM could hold (what a non-snooping
 * device reads). Looking changes nothing.
 */
final class CacheTable {
    static final int MAX_ROWS = 64;
    private static final String FORMAT = "%-14s %-15s %5s  %-20s %-34s %s%n";

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
            out.println("error: :cache takes a CPU view, a slice of one or a mapping, e.g. :cache rx[0..256]");
            return;
        }
        Session.Evaluated v = session.value(s.expr(), source);
        if (v.error() != null) {
            out.print(v.error());
            return;
        }
        Target target = Target.of(v.value());
        if (target == null) {
            out.println("error: " + expression + " is " + v.value().typeName() + ", not a CPU view");
            return;
        }
        table(target.view(), target.offset(), target.length());
    }

    private void table(CpuView view, long offset, long length) {
        List<LineSnapshot> lines;
        try {
            lines = session.kernel().cacheLines(view, offset, length);
        } catch (RuntimeException e) {
            out.println("error: " + e.getMessage());
            return;
        }
        List<Row> rows = new ArrayList<>();
        long off = offset;
        long end = offset + length;
        for (LineSnapshot l : lines) {
            int line = l.configs().get(0).memory().length;
            long from = Math.max(l.phys(), view.phys(off));
            int lo = (int) (from - l.phys());
            int hi = (int) Math.min(line, lo + (end - off));
            byte[] latest = session.kernel().machine().shadowOf(from, hi - lo);
            Set<String> states = new LinkedHashSet<>();
            List<byte[]> cpu = new ArrayList<>();
            List<byte[]> memory = new ArrayList<>();
            for (LineSnapshot.Config c : l.configs()) {
                states.add(c.state());
                add(cpu, Arrays.copyOfRange(c.cpuVisible(), lo, hi));
                add(memory, Arrays.copyOfRange(c.memory(), lo, hi));
            }
            Row row = new Row(off, off + hi - lo, from, 1, String.join(" ", ordered(states)), values(cpu, latest),
                    values(memory, null));
            Row last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            if (last != null && last.sameAs(row)) {
                rows.set(rows.size() - 1, last.extendedTo(row));
            } else {
                rows.add(row);
            }
            off += hi - lo;
        }
        out.printf(FORMAT, "offsets", "phys", "lines", "states", "cpu reads", "memory (non-snooping device)");
        for (int i = 0; i < rows.size(); i++) {
            if (i == MAX_ROWS) {
                out.println("... " + (rows.size() - MAX_ROWS) + " more rows (give a smaller range)");
                break;
            }
            Row r = rows.get(i);
            out.printf(FORMAT, Printer.number(r.from()) + ".." + Printer.number(r.to()), Printer.number(r.phys()),
                    r.lines(), r.states(), r.cpu(), r.memory());
        }
    }

    /** Consecutive lines with the same states and values, shown once. */
    private record Row(long from, long to, long phys, int lines, String states, String cpu, String memory) {
        boolean sameAs(Row next) {
            return next.from == to && states.equals(next.states) && cpu.equals(next.cpu) && memory.equals(next.memory);
        }

        Row extendedTo(Row next) {
            return new Row(from, next.to, phys, lines + 1, states, cpu, memory);
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

    /** The values, the one program order expects first, then the stale ones. */
    private static String values(List<byte[]> values, byte[] latest) {
        List<String> fresh = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        for (byte[] v : values) {
            if (latest != null && !Arrays.equals(v, latest)) {
                stale.add(OutcomeText.bytes(v) + " (stale)");
            } else {
                fresh.add(OutcomeText.bytes(v));
            }
        }
        fresh.addAll(stale);
        return String.join(" | ", fresh);
    }
}
