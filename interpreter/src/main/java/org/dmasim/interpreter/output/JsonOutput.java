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
import org.dmasim.interpreter.eval.OutcomeText;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.SourceSite;
import org.dmasim.interpreter.eval.Summary;

/**
 * {@code --format json}: one JSON object per line (JSON Lines) per event, for tools. The schema
 * is in docs/json-output.md; every object has an {@code "event"} field: {@code read},
 * {@code report}, {@code expect}, {@code print}, {@code summary}, then {@code script_error} and
 * {@code exit} from {@link #scriptError} and {@link #exit}.
 */
public final class JsonOutput implements RunListener {
    /** Reads longer than this carry their segments' bytes as a prefix only. */
    static final int MAX_HEX_BYTES = 4096;
    private static final JsonFactory FACTORY = new JsonFactory();

    private final PrintStream out;

    public JsonOutput(PrintStream out) {
        this.out = out;
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private void emit(String event, Body body) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("event", event);
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println(text);
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

    @Override
    public void report(Report report, SourceSite expectedBy) {
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
            g.writeBooleanField("pass", s.pass());
        });
    }

    /** An error in the script itself (syntax, unknown name, bad argument), as the text form renders it. */
    public void scriptError(String rendered) {
        emit("script_error", g -> g.writeStringField("text", rendered));
    }

    /** The last line of every run: the exit code of {@code dmasim run}. */
    public void exit(int code) {
        emit("exit", g -> g.writeNumberField("code", code));
    }

    private static void position(JsonGenerator g, SourceSite site) throws IOException {
        g.writeStringField("file", site.file().name());
        g.writeNumberField("line", site.line());
        g.writeNumberField("column", site.column());
    }
}
