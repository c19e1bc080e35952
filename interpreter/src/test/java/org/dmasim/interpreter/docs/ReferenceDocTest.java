package org.dmasim.interpreter.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.interpreter.builtins.Builtin;
import org.dmasim.interpreter.builtins.BuiltinRegistry;
import org.junit.jupiter.api.Test;

/**
 * docs/reference.md is generated; this test fails when the checked-in file is out of date.
 * Regenerate with {@code mvn -B -pl interpreter -am test -Ddocs.update=true} and review the diff.
 */
class ReferenceDocTest {
    private static final Path DOC = Path.of("").toAbsolutePath().getParent().resolve("docs/reference.md");

    @Test
    void checkedInReferenceIsCurrent() throws IOException {
        String generated = ReferenceDoc.generate(BuiltinRegistry.standard());
        if (Boolean.getBoolean("docs.update")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(DOC), DOC + " is missing; run mvn -B -pl interpreter -am test -Ddocs.update=true");
        String current = Files.readString(DOC, StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertEquals(generated, current, "docs/reference.md is out of date: run "
                + "mvn -B -pl interpreter -am test -Ddocs.update=true and review git diff docs/");
    }

    @Test
    void everyBuiltinAndReportCodeIsInIt() {
        String doc = ReferenceDoc.generate(BuiltinRegistry.standard());
        for (Builtin b : BuiltinRegistry.standard().builtins()) {
            assertTrue(doc.contains("#### " + b.name() + "\n"), b.name());
        }
        for (ReportCode c : ReportCode.values()) {
            assertTrue(doc.contains("| `" + c.name() + "` |"), c.name());
        }
    }

    @Test
    void everyReportCodeHasAMeaning() {
        List<ReportCode> missing = Arrays.stream(ReportCode.values())
                .filter(c -> ReportCodeMeanings.of(c).isEmpty()).toList();
        assertEquals(List.of(), missing, "add a line for each to ReportCodeMeanings");
    }

    @Test
    void everyReportCodeSaysWhatToDo() {
        List<ReportCode> missing = Arrays.stream(ReportCode.values())
                .filter(c -> ReportCodeFixes.of(c).isEmpty()).toList();
        assertEquals(List.of(), missing, "add a line for each to ReportCodeFixes");
    }

    @Test
    void everyBuiltinDeclaresWhatItReturns() {
        List<String> missing = BuiltinRegistry.standard().builtins().stream().map(Builtin::name)
                .filter(n -> BuiltinRegistry.standard().result(n) == null).toList();
        assertEquals(List.of(), missing, "add each to ResultTypes (dmasim check infers from it)");
    }

    @Test
    void keywordsPropertiesAndArchesAreInIt() {
        String doc = ReferenceDoc.generate(BuiltinRegistry.standard());
        for (String row : List.of("| [`expect`](language.md#expectations) |", "| `dma_mask` |", "| `memory_budget` |",
                "| `for_device` |", "### arm64\n")) {
            assertTrue(doc.contains(row), row);
        }
    }

    @Test
    void everyStdlibPresetIsDocumented() {
        String doc = ReferenceDoc.generate(BuiltinRegistry.standard());
        for (String preset : List.of("intel_gpu_4g", "mali_panfrost", "vmwgfx", "display_cma", "v4l2_camera",
                "nvme_p2p", "sparc64_fb")) {
            assertTrue(doc.contains("### " + preset + "\n"), preset);
        }
    }
}
