package org.dmasim.interpreter.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import org.dmasim.engine.cache.Alternative;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.cache.Segment;
import org.dmasim.engine.check.Report;
import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.diag.DiagnosticRenderer;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.OutcomeText;
import org.dmasim.interpreter.eval.ReadOverExecutions;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.SourceSite;
import org.dmasim.interpreter.eval.Summary;

/**
 * {@code --format json}: one JSON object per line (JSON Lines) per event, for tools. The events
 * are described in docs/json-output.md and docs/json-output.schema.json; every object has an
 * {@code "event"} field: {@code start} (with {@link #SCHEMA_VERSION}), {@code read}, {@code report},
 * {@code expect}, {@code print}, {@code summary}, {@code script_error}, and {@code exit} last.
 */
public final class JsonOutput implements RunListener {
    /** The version of the event format; it grows when a field changes meaning or disappears. */
    public static final int SCHEMA_VERSION = 1;
    /** Reads longer than this carry their segments' bytes as a prefix only. */
    static final int MAX_HEX_BYTES = 4096;
    private static final JsonFactory FACTORY = new JsonFactory();

    private final PrintStream out;
    /** A field every event carries ({@code "arch"} under {@code --arch all}), or null. */
    private final String tagName;
    private final String tagValue;

    public JsonOutput(PrintStream out) {
        this(out, null, null);
    }

    private JsonOutput(PrintStream out, String tagName, String tagValue) {
        this.out = out;
        this.tagName = tagName;
        this.tagValue = tagValue;
    }

    /** The same output, with {@code "name": value} in every event ({@code "arch": "arm64"}). */
    public JsonOutput tagged(String name, String value) {
        return new JsonOutput(out, name, value);
    }

    /** A body of an event: writes its fields. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** Writes one event line: {@code {"event": NAME, ...fields}}. */
    public void emit(String event, Body body) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("event", event);
            if (tagName != null) {
                g.writeStringField(tagName, tagValue);
            }
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println(text);
    }

    /** The first line: which command, which files, and the {@link #SCHEMA_VERSION} of what follows. */
    public void start(String command, java.util.List<String> files) {
        emit("start", g -> {
            g.writeNumberField("schema_version", SCHEMA_VERSION);
            g.writeStringField("command", command);
            g.writeArrayFieldStart("files");
            for (String f : files) {
                g.writeString(f);
            }
            g.writeEndArray();
        });
    }

    @Override
    public void read(SourceSite site, String source, ReadResult result) {
        emit("read", g -> {
            position(g, site);
            g.writeStringField("source", source);
            g.writeNumberField("length", result.length());
            g.writeBooleanField("certain", result.isCertain());
            g.writeBooleanField("stale", result.hasStale());
            g.writeArrayFieldStart("outcomes");
            for (OutcomeText.Line l : OutcomeText.lines(result)) {
                g.writeStartObject();
                if (l.range() != null) {
                    g.writeStringField("range", l.range());
                }
                g.writeStringField("value", l.value());
                g.writeBooleanField("stale", l.stale());
                g.writeStringField("witness", l.witness());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("segments");
            for (Segment s : result.segments()) {
                g.writeStartObject();
                g.writeNumberField("offset", s.offset());
                g.writeNumberField("length", s.length());
                g.writeArrayFieldStart("alternatives");
                for (Alternative a : s.alternatives()) {
                    g.writeStartObject();
                    int shown = Math.min(a.data().length, MAX_HEX_BYTES);
                    g.writeStringField("hex", HexFormat.of().formatHex(a.data(), 0, shown));
                    if (shown < a.data().length) {
                        g.writeBooleanField("truncated", true);
                    }
                    g.writeBooleanField("stale", a.stale());
                    g.writeStringField("witness", a.witness().text());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /** A read of a run with several executions: the union of its outcomes, each with its executions. */
    @Override
    public void read(SourceSite site, String source, ReadOverExecutions read) {
        emit("read", g -> {
            position(g, site);
            g.writeStringField("source", source);
            g.writeNumberField("length", read.first().length());
            g.writeBooleanField("certain", read.outcomes().size() == 1 && read.outcomes().get(0).range() == null);
            g.writeBooleanField("stale", read.outcomes().stream().anyMatch(ReadOverExecutions.Outcome::stale));
            g.writeNumberField("executions", read.executions());
            g.writeArrayFieldStart("outcomes");
            for (ReadOverExecutions.Outcome l : read.outcomes()) {
                g.writeStartObject();
                if (l.range() != null) {
                    g.writeStringField("range", l.range());
                }
                g.writeStringField("value", l.value());
                g.writeBooleanField("stale", l.stale());
                g.writeStringField("witness", l.witness());
                g.writeNumberField("executions", l.executions());
                g.writeArrayFieldStart("schedule");
                for (String step : l.schedule()) {
                    g.writeString(step);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    @Override
    public void report(Report report, SourceSite expectedBy, int executions, int total, String interleaving) {
        report(report, expectedBy, g -> {
            g.writeNumberField("executions", executions);
            if (interleaving != null && !interleaving.isEmpty()) {
                g.writeStringField("interleaving", interleaving);
            }
        });
    }

    @Override
    public void report(Report report, SourceSite expectedBy) {
        report(report, expectedBy, g -> {
        });
    }

    private void report(Report report, SourceSite expectedBy, Body more) {
        emit("report", g -> {
            g.writeStringField("code", report.code().name());
            g.writeStringField("severity", report.severity().label());
            g.writeStringField("message", report.message());
            if (report.site() instanceof SourceSite s) {
                position(g, s);
            }
            g.writeStringField("help", report.help());
            g.writeArrayFieldStart("witnesses");
            for (String w : report.witnesses()) {
                g.writeString(w);
            }
            g.writeEndArray();
            if (!report.notes().isEmpty()) {
                g.writeArrayFieldStart("notes");
                for (String n : report.notes()) {
                    g.writeString(n);
                }
                g.writeEndArray();
            }
            g.writeBooleanField("expected", expectedBy != null);
            if (expectedBy != null) {
                g.writeObjectFieldStart("expected_by");
                g.writeNumberField("line", expectedBy.line());
                g.writeNumberField("column", expectedBy.column());
                g.writeEndObject();
            }
            more.write(g);
        });
    }

    @Override
    public void expectation(SourceSite site, String source, boolean passed, String detail) {
        emit("expect", g -> {
            position(g, site);
            g.writeStringField("source", source);
            g.writeBooleanField("passed", passed);
            if (detail != null) {
                g.writeStringField("detail", detail);
            }
        });
    }

    @Override
    public void print(String line) {
        emit("print", g -> g.writeStringField("text", line));
    }

    @Override
    public void summary(Summary s) {
        emit("summary", g -> {
            g.writeNumberField("expectations", s.expectations());
            g.writeNumberField("passed", s.passed());
            g.writeNumberField("failed", s.failed());
            g.writeNumberField("errors", s.errors());
            g.writeNumberField("warnings", s.warnings());
            if (s.executions() > 0) {
                g.writeNumberField("executions", s.executions());
                g.writeBooleanField("bounded", s.bounded());
            }
            g.writeBooleanField("pass", s.pass());
        });
    }

    /** An error in the script itself that has no position (a file that cannot be read, a limit), as text. */
    public void scriptError(String file, String rendered) {
        scriptError(file, 0, 0, firstLine(rendered), null, rendered);
    }

    /**
     * An error in the script itself: where it is ({@code line} 0 when it points nowhere), its message, help
     * line and the text the text output prints for it.
     */
    public void scriptError(String file, int line, int column, String message, String help, String rendered) {
        emit("script_error", g -> {
            if (file != null) {
                g.writeStringField("file", file);
            }
            if (line > 0) {
                g.writeNumberField("line", line);
                g.writeNumberField("column", column);
            }
            g.writeStringField("severity", "error");
            g.writeStringField("message", message);
            g.writeStringField("help", help);
            g.writeStringField("text", rendered);
        });
    }

    /** An error in the script itself (syntax, unknown name, wrong type), with its position and rendered text. */
    public void scriptError(Diagnostic d, SourceFile source) {
        emit("script_error", g -> {
            g.writeStringField("file", source.name());
            g.writeNumberField("line", source.line(d.span().start()));
            g.writeNumberField("column", source.column(d.span().start()));
            g.writeNumberField("end_line", source.line(d.span().end()));
            g.writeNumberField("end_column", source.column(d.span().end()));
            g.writeStringField("severity", d.severity().label());
            if (d.code() != null) {
                g.writeStringField("code", d.code());
            }
            g.writeStringField("message", d.message());
            g.writeStringField("help", d.help());
            g.writeStringField("text", DiagnosticRenderer.render(d, source));
        });
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        return (nl < 0 ? t : t.substring(0, nl)).replaceFirst("^error: ", "");
    }

    /** The last line of every run: the exit code of {@code dmasim run}. */
    public void exit(int code) {
        emit("exit", g -> g.writeNumberField("code", code));
    }

    private static void position(JsonGenerator g, SourceSite site) throws IOException {
        g.writeStringField("file", site.file().name());
        g.writeNumberField("line", site.line());
        g.writeNumberField("column", site.column());
        if (!site.iteration().isEmpty()) {
            // the iteration of each enclosing loop, outermost first (1-based)
            g.writeArrayFieldStart("iteration");
            for (long k : site.iteration()) {
                g.writeNumber(k);
            }
            g.writeEndArray();
        }
    }

    @Override
    public boolean followsStatements() {
        return false;
    }
}
