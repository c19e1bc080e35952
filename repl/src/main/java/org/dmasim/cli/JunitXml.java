package org.dmasim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.dmasim.junit.engine.DmaTestEngine;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/**
 * The JUnit XML report that CI systems read (the Ant/Surefire {@code testsuite} format), written
 * by the JUnit Platform's own legacy XML listener: one {@code testcase} per scenario,
 * {@code failure} for a failed run and {@code error} for a script or internal error (each with
 * what {@code dmasim run} printed), {@code skipped} with the reason, the output in
 * {@code system-out}. The listener writes {@code TEST-dmasim.xml} into a folder; {@link #moveTo}
 * puts it where {@code --junit} asked.
 */
final class JunitXml {
    private final Path folder;
    private final LegacyXmlReportGeneratingListener listener;

    JunitXml(PrintWriter err) throws IOException {
        folder = Files.createTempDirectory("dmasim-junit");
        listener = new LegacyXmlReportGeneratingListener(folder, err);
    }

    TestExecutionListener listener() {
        return listener;
    }

    /** Moves the report to {@code target} (creating its folder) and removes the scratch folder. */
    void moveTo(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.move(folder.resolve("TEST-" + DmaTestEngine.ID + ".xml"), target, StandardCopyOption.REPLACE_EXISTING);
        try (Stream<Path> left = Files.walk(folder)) {
            for (Path p : left.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
