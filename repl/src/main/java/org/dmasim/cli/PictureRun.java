package org.dmasim.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.output.TextOutput;
import org.dmasim.interpreter.render.HtmlPage;
import org.dmasim.interpreter.render.TraceWriter;
import org.dmasim.interpreter.timeline.Timeline;
import org.dmasim.interpreter.timeline.TimelineRecorder;
import org.dmasim.interpreter.timeline.TimelineText;

/**
 * {@code dmasim run FILE --timeline VIEW[range]} (and {@code --html}, {@code --trace}): the run prints
 * as usual while a recorder notes the machine after each statement; then the pictures.
 */
final class PictureRun {
    /** What to draw: a range for the text table (or null), the HTML page and the trace files (or null). */
    record Pictures(String timeline, Path html, Path trace) {
        boolean any() {
            return timeline != null || html != null || trace != null;
        }
    }

    private PictureRun() {
    }

    static int run(Path file, ScenarioRunner.Options options, Pictures pictures, PrintStream out, PrintStream err) {
        SourceFile source;
        try {
            source = SourceFile.read(file);
        } catch (IOException e) {
            err.println("error: cannot read " + file + ": " + e.getMessage());
            return ScenarioRunner.SCRIPT_ERROR;
        }
        RunListener listener = new TextOutput(out);
        TimelineRecorder everything = null;
        if (pictures.html() != null || pictures.trace() != null) {
            everything = TimelineRecorder.everyBuffer(listener, source);
            listener = everything;
        }
        TimelineRecorder range = null;
        if (pictures.timeline() != null) {
            SourceFile focusSource = new SourceFile("--timeline", pictures.timeline());
            Expr focus = org.dmasim.repl.Purity.lookingExpression(focusSource);
            if (focus == null) {
                err.println("error: --timeline takes a buffer, a slice of one or a mapping, e.g. --timeline rx[0..256]");
                return ScenarioRunner.SCRIPT_ERROR;
            }
            range = TimelineRecorder.range(listener, source, focus, focusSource);
            listener = range;
        }
        int exit = ScenarioRunner.run(source, file.toAbsolutePath().getParent(), options, listener, out, err);
        if (range != null) {
            if (range.focusProblem() != null) {
                out.print(range.focusProblem());
                exit = Math.max(exit, ScenarioRunner.SCRIPT_ERROR);
            } else {
                out.println();
                TimelineText.print(range.timeline(), pictures.timeline().strip(), out);
            }
        }
        if (everything != null) {
            Timeline t = everything.timeline();
            if (pictures.html() != null) {
                exit = Math.max(exit, write(pictures.html(), w -> new HtmlPage(t).write(w), err));
            }
            if (pictures.trace() != null) {
                exit = Math.max(exit, write(pictures.trace(), w -> new TraceWriter(t).write(w), err));
            }
        }
        return exit;
    }

    /** What draws a picture into a file. */
    @FunctionalInterface
    interface Drawing {
        void draw(Writer out) throws IOException;
    }

    /** Writes one picture; a file that cannot be written is a usage error (exit 2). */
    static int write(Path file, Drawing drawing, PrintStream err) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            drawing.draw(w);
            return ScenarioRunner.PASS;
        } catch (IOException | UncheckedIOException e) {
            err.println("error: cannot write " + file + ": " + e.getMessage());
            return ScenarioRunner.SCRIPT_ERROR;
        }
    }
}
