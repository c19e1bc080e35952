package org.dmasim.repl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.dmasim.interpreter.Executions;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.Session;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.ast.Statement;
import org.dmasim.interpreter.builtins.BuiltinRegistry;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.diag.Style;
import org.dmasim.interpreter.eval.Printer;
import org.dmasim.interpreter.output.TextOutput;
import org.dmasim.interpreter.parse.ParseResult;
import org.dmasim.interpreter.parse.ScriptParser;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The interactive REPL: entries of .dma text against one live {@link Session}, and meta-commands. Reads
 * through JLine on a terminal, plain lines otherwise; both print the same results to {@code out}.
 * Each entry runs on a worker thread that Ctrl-C interrupts; a failing entry leaves the machine as it was.
 */
public final class Repl {
    static final String PROMPT = "dma> ";
    static final String CONTINUATION = "...> ";
    /** Blanks per open bracket at the start of a continuation line. */
    private static final int INDENT = 4;

    private final ScenarioRunner.Options options;
    private final PrintStream out;
    private final Path directory;
    private final TextOutput listener;
    private final Style style;
    private final List<MetaCommand> commands;
    private Session session;
    private volatile Thread running;
    private volatile Thread interruptedWorker;
    private boolean quit;

    /** Starts a session; throws {@link org.dmasim.interpreter.eval.ScriptError} for an unknown {@code --arch}. */
    public Repl(ScenarioRunner.Options options, PrintStream out, Path directory) {
        this(options, out, directory, Style.PLAIN);
    }

    /** A REPL whose output is in {@code style} (colours on a terminal). */
    public Repl(ScenarioRunner.Options options, PrintStream out, Path directory, Style style) {
        this.options = options;
        this.out = out;
        this.directory = directory;
        this.style = style;
        this.listener = new TextOutput(out, style);
        this.session = new Session(options, listener, directory).exploreWhenNeeded();
        this.commands = MetaCommands.all(this);
    }

    /** Reads entries from a JLine terminal until Ctrl-D or {@code :quit}; history goes to {@code history}. */
    public void interactive(Terminal terminal, Path history) {
        BuiltinRegistry registry = BuiltinRegistry.standard();
        java.util.Set<String> known = new java.util.HashSet<>(registry.names());
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("dmasim")
                .parser(new ReplParser())
                .completer(new ReplCompleter(registry, () -> session, commands))
                .highlighter(new ReplHighlighter(known))
                .variable(LineReader.HISTORY_FILE, history)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
                .variable(LineReader.INDENTATION, INDENT)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.INSERT_BRACKET, false)
                .option(LineReader.Option.AUTO_GROUP, true)
                .build();
        for (String[] closer : new String[][] {{LineReader.INSERT_CLOSE_PAREN, ")"},
                {LineReader.INSERT_CLOSE_SQUARE, "]"}, {LineReader.INSERT_CLOSE_CURLY, "}"}}) {
            reader.getWidgets().put(closer[0], () -> close(reader, closer[1]));
        }
        terminal.handle(Terminal.Signal.INT, signal -> interrupt());
        out.println("dmasim REPL: .dma statements, :help for commands, Ctrl-D to leave");
        out.flush();
        while (!quit) {
            String entry;
            try {
                entry = reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            accept(entry);
        }
        end();
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            out.println("warning: could not save the history: " + e.getMessage());
        }
        out.flush();
    }

    /**
     * Types a closing bracket. JLine's own widget removes up to an indentation's worth of blanks before every
     * closer, so {@code f(a )} became {@code f(a)} and {@code :save} wrote what was not typed; this one only
     * dedents a closer that starts its line.
     */
    private static boolean close(LineReader reader, String closer) {
        org.jline.reader.Buffer buf = reader.getBuffer();
        String text = buf.toString();
        int cursor = buf.cursor();
        String before = text.substring(text.lastIndexOf('\n', cursor - 1) + 1, cursor);
        if (!before.isEmpty() && before.isBlank()) {
            buf.backspace(Math.min(before.length(), INDENT));
        }
        buf.write(closer);
        return true;
    }

    /** Reads plain lines (stdin is not a terminal): an entry ends where the interpreter says it is complete. */
    public void plain(BufferedReader in) throws IOException {
        StringBuilder pending = new StringBuilder();
        String line;
        while (!quit && (line = in.readLine()) != null) {
            if (pending.isEmpty() && ReplParser.isMeta(line)) {
                accept(line);
                continue;
            }
            pending.append(line);
            if (Session.isComplete(pending.toString())) {
                accept(pending.toString());
                pending.setLength(0);
            } else {
                pending.append('\n');
            }
        }
        if (!quit && !pending.toString().isBlank()) {
            accept(pending.toString());
        }
        end();
        out.flush();
    }

    /**
     * The session ends: in a concurrent one the jobs' remaining steps run, and a job never waited
     * for is reported ({@code JOB_NOT_WAITED}), as at the end of a scenario.
     */
    private void end() {
        if (session.executions() != null) {
            Session.Result r = onWorker(() -> session.end());
            if (r != null && !r.ok()) {
                out.print(r.error(style));
            }
        }
    }

    /** One complete entry: a meta-command or .dma text. */
    void accept(String entry) {
        if (entry.isBlank()) {
            return;
        }
        if (ReplParser.isMeta(entry)) {
            command(entry.strip());
        } else {
            evaluate(entry);
        }
        out.flush();
    }

    private void command(String text) {
        int space = text.indexOf(' ');
        String name = (space < 0 ? text.substring(1) : text.substring(1, space));
        String argument = space < 0 ? "" : text.substring(space + 1).strip();
        for (MetaCommand c : commands) {
            if (c.name().equals(name)) {
                if (!c.action().run(argument)) {
                    quit = true;
                }
                return;
            }
        }
        List<String> names = commands.stream().map(MetaCommand::name).toList();
        String near = org.dmasim.interpreter.diag.Suggestions.closest(name, names);
        out.println("error: no command :" + name + (near == null ? "" : "; did you mean :" + near + "?")
                + " (:help lists them)");
    }

    /** Evaluates .dma text: a lone expression without calls or reads is echoed; anything else is an entry. */
    private void evaluate(String text) {
        SourceFile source = new SourceFile("<repl>", text);
        ParseResult parsed = new ScriptParser().parse(source);
        if (!parsed.hasErrors() && parsed.program().statements().size() == 1
                && parsed.program().statements().get(0) instanceof Statement.ExprStatement s && Purity.pure(s.expr())) {
            Session.Evaluated v = onWorker(() -> session.value(s.expr(), source, style));
            if (v != null) {
                Executions e = session.executions();
                // a concurrent session's names hold the first execution's values
                String where = e != null && e.count() > 1 ? "  (in the first of " + e.count() + " executions)" : "";
                out.print(v.error() != null ? v.error() : Printer.describe(v.value()) + where + "\n");
            }
            return;
        }
        Executions before = session.executions();
        Session.Result r = onWorker(() -> session.eval(text));
        if (r != null && !r.ok()) {
            out.print(r.error(style));
        }
        Executions now = session.executions();
        if (r != null && r.ok() && now != null && (before == null ? now.count() > 1 : now.count() != before.count())
                || now != null && now.bounded() && now != before) {
            // the entry found new executions: its reads and reports are over this many
            out.println("explored " + now.count() + " executions" + (now.bounded() ? ", bounded (--max-executions)" : ""));
        }
    }

    /**
     * Runs {@code work} on a worker thread that Ctrl-C ({@link #interrupt}) interrupts; null when it failed
     * in a way the session did not handle (a bug), which is printed and leaves the REPL running.
     */
    private <T> T onWorker(java.util.function.Supplier<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(null, () -> {
            try {
                result.set(work.get());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "dmasim-eval", 256L << 20);
        running = worker;
        worker.start();
        boolean joined = false;
        while (!joined) {
            try {
                worker.join();
                joined = true;
            } catch (InterruptedException e) {
                worker.interrupt();
            }
        }
        running = null;
        if (failure.get() != null) {
            out.println("internal error: " + failure.get() + " (this is a bug in dmasim)");
            if (options.debug()) {
                failure.get().printStackTrace(out);
            }
            return null;
        }
        return result.get();
    }

    /** Ctrl-C: interrupts the running entry, if any; its budget check then stops it ("interrupted"). */
    public void interrupt() {
        Thread w = running;
        // once per entry: a second Ctrl-C must not hit the replay that restores the machine
        if (w != null && interruptedWorker != w) {
            interruptedWorker = w;
            w.interrupt();
        }
    }

    /** Whether an entry is running (tests wait for it before they press Ctrl-C). */
    boolean evaluating() {
        return running != null;
    }

    // ---- for the meta-commands

    Session session() {
        return session;
    }

    PrintStream out() {
        return out;
    }

    List<MetaCommand> commands() {
        return commands;
    }

    /**
     * A new session on {@code arch} (null: keep the current one), replaying {@code entries} quietly with their
     * numbers; returns the entries that fail there.
     */
    List<Session.Entry> restart(String arch, List<Session.Entry> entries) {
        String a = arch != null ? arch : session.arch();
        Session next = new Session(options.withArch(a), listener, directory).exploreWhenNeeded();
        List<Session.Entry> failed = next.replay(entries, new org.dmasim.interpreter.eval.SilentListener());
        session = next;
        return failed;
    }

    Style style() {
        return style;
    }

    /** Evaluates a file's text as one entry ({@code :load}). */
    void load(String text) {
        evaluate(text);
    }
}
