package org.dmasim.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dmasim.interpreter.builtins.BuiltinRegistry;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionsTest {
    @TempDir
    Path dir;

    private static final String SCRIPT = String.join("\r\n", // CRLF: positions must still count lines right
            "device nic { dma_mask: 64 }",
            "fn refill(dev, buf) {",
            "    let m = dma_map_single(dev, buf, DMA_FROM_DEVICE)",
            "    return m",
            "}",
            "let rx = alloc_pages(4KiB)",
            "let m = refill(nic, rx)",
            "for i in 0..4 { cpu writes rx[i] = i }",
            "");

    private OpenScript script() {
        return new OpenScript(dir.resolve("a.dma").toUri().toString(), SCRIPT);
    }

    private Position definition(OpenScript s, int line, int column) {
        List<Location> found = Definitions.at(s, s.offset(new Position(line, column)));
        assertEquals(1, found.size(), "at " + line + ":" + column);
        return found.get(0).getRange().getStart();
    }

    @Test
    void namesGoToTheirLetFnDeviceParameterOrLoopVariable() {
        OpenScript s = script();
        assertEquals(new Position(1, 3), definition(s, 6, 9)); // refill( -> fn refill
        assertEquals(new Position(0, 7), definition(s, 6, 16)); // nic -> device nic
        assertEquals(new Position(5, 4), definition(s, 6, 21)); // rx -> let rx
        assertEquals(new Position(1, 10), definition(s, 2, 28)); // dev inside the fn -> its parameter
        assertEquals(new Position(2, 8), definition(s, 3, 11)); // m inside the fn -> the fn's own let m
        assertEquals(new Position(7, 4), definition(s, 7, 30)); // i in rx[i] -> for i
    }

    @Test
    void aBuiltinHasNoDefinitionButAHover() {
        OpenScript s = script();
        int at = s.offset(new Position(5, 12));
        assertTrue(Definitions.at(s, at).isEmpty());
        var hover = Hovers.at(s, at, BuiltinRegistry.standard());
        assertTrue(hover.getContents().getRight().getValue().contains("alloc_pages("), hover.toString());
    }

    @Test
    void keywordsPropertiesAndReportCodesHoverWithWhatHelpSays() {
        String text = "arch arm64\ndevice nic { dma_mask: 32 }\nexpect report STALE_READ\n";
        OpenScript s = new OpenScript("untitled:h", text);
        var registry = BuiltinRegistry.standard();
        assertTrue(hoverText(s, 2, 2, registry).contains("keyword expect"));
        assertTrue(hoverText(s, 1, 15, registry).contains("device property dma_mask"));
        String code = hoverText(s, 2, 16, registry);
        assertTrue(code.contains("report STALE_READ") && code.contains("fix:"), code);
        assertTrue(hoverText(s, 0, 7, registry).contains("arch profile arm64"));
    }

    private static String hoverText(OpenScript s, int line, int column, BuiltinRegistry registry) {
        var hover = Hovers.at(s, s.offset(new Position(line, column)), registry);
        return hover == null ? "(no hover)" : hover.getContents().getRight().getValue();
    }

    @Test
    void aFunctionFromAnImportedFileIsFoundThere() throws Exception {
        Files.writeString(dir.resolve("ring.dma"), "# a library\nfn fill(buf) {\n    return buf\n}\n");
        String text = "import \"ring.dma\"\nlet rx = alloc_pages(4KiB)\nfill(rx)\n";
        OpenScript s = new OpenScript(dir.resolve("b.dma").toUri().toString(), text);
        List<Location> found = Definitions.at(s, s.offset(new Position(2, 1)));
        assertEquals(1, found.size());
        assertEquals(dir.resolve("ring.dma").toUri(), Path.of(java.net.URI.create(found.get(0).getUri())).toUri());
        assertEquals(new Position(1, 3), found.get(0).getRange().getStart());
    }

    @Test
    void completionOffersTheScriptsOwnNamesAndKeywords() {
        String text = SCRIPT + "re";
        OpenScript s = new OpenScript("untitled:c", text);
        List<String> labels = Completions.at(s, text.length(), BuiltinRegistry.standard()).stream()
                .map(CompletionItem::getLabel).toList();
        assertTrue(labels.containsAll(List.of("refill", "return", "reads", "report")), labels.toString());
        assertTrue(labels.stream().allMatch(l -> l.startsWith("re")), labels.toString());
    }
}
