package org.dmasim.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.dmasim.interpreter.suite.ScenarioResult;

/**
 * The JUnit XML report that CI systems read (the Ant/Surefire {@code testsuite} format): one
 * {@code testcase} per scenario, {@code failure} for a failed run, {@code error} for a script or
 * internal error, {@code skipped}, and the run's text output in {@code system-out}.
 */
final class JunitXml {
    private JunitXml() {
    }

    static void write(Path target, String suiteName, List<ScenarioResult> results, Duration wall, Instant started)
            throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(target)) {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", suiteName);
            x.writeAttribute("tests", String.valueOf(results.size()));
            x.writeAttribute("failures", count(results, ScenarioResult.Status.FAILED));
            x.writeAttribute("errors", count(results, ScenarioResult.Status.ERROR));
            x.writeAttribute("skipped", count(results, ScenarioResult.Status.SKIPPED));
            x.writeAttribute("time", seconds(wall));
            x.writeAttribute("timestamp", DateTimeFormatter.ISO_LOCAL_DATE_TIME
                    .format(started.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
            x.writeCharacters("\n");
            for (ScenarioResult r : results) {
                testcase(x, suiteName, r);
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static void testcase(XMLStreamWriter x, String suiteName, ScenarioResult r) throws XMLStreamException {
        x.writeCharacters("  ");
        x.writeStartElement("testcase");
        x.writeAttribute("name", r.name());
        x.writeAttribute("classname", suiteName);
        x.writeAttribute("file", r.file().toString());
        x.writeAttribute("time", seconds(r.time()));
        switch (r.status()) {
            case PASSED -> { }
            case FAILED -> problem(x, "failure", r);
            case ERROR -> problem(x, "error", r);
            case SKIPPED -> {
                x.writeEmptyElement("skipped");
                x.writeAttribute("message", r.note());
            }
        }
        if (!r.output().isEmpty()) {
            x.writeStartElement("system-out");
            x.writeCData(cdataSafe(r.output()));
            x.writeEndElement();
        }
        x.writeEndElement();
        x.writeCharacters("\n");
    }

    private static void problem(XMLStreamWriter x, String element, ScenarioResult r) throws XMLStreamException {
        x.writeStartElement(element);
        x.writeAttribute("message", r.note() == null ? "exit " + r.exit() : r.note());
        x.writeAttribute("type", "exit " + r.exit());
        x.writeCharacters(xmlSafe(r.output()));
        x.writeEndElement();
    }

    private static String count(List<ScenarioResult> results, ScenarioResult.Status status) {
        return String.valueOf(results.stream().filter(r -> r.status() == status).count());
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e9);
    }

    /** A CDATA section cannot hold {@code ]]>}: split it. */
    private static String cdataSafe(String s) {
        return xmlSafe(s).replace("]]>", "]]]]><![CDATA[>");
    }

    /** Drops characters XML 1.0 cannot carry at all (control characters other than tab and newlines). */
    private static String xmlSafe(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || c >= 0x10000) {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
