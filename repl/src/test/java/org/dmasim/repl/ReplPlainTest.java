package org.dmasim.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.builtins.BuiltinRegistry;
import org.jline.reader.Candidate;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REPL fed plain lines (stdin not a terminal), and its parts on their own. */
class ReplPlainTest {
    @TempDir
    Path dir;

    String session(String input) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Repl repl = new Repl(ScenarioRunner.Options.defaults(), new PrintStream(bytes, true, StandardCharsets.UTF_8), dir);
        repl.plain(new BufferedReader(new StringReader(input)));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aPipedScenarioPrintsEachReadsOutcomesLikeRun() throws Exception {
        Path example = Path.of("..", "examples", "rx-missing-sync-arm64.dma");
        String piped = session(Files.readString(example));
        ByteArrayOutputStream ran = new ByteArrayOutputStream();
        ScenarioRunner.run(example, ScenarioRunner.Options.defaults(), new PrintStream(ran, true, StandardCharsets.UTF_8),
                System.err);
        List<String> outcomes = ReplTerminalTest.outcomes(piped);
        assertFalse(outcomes.isEmpty(), piped);
        assertEquals(ReplTerminalTest.outcomes(ran.toString(StandardCharsets.UTF_8)), outcomes, piped);
        assertTrue(piped.contains("(stale)"), piped);
    }

    @Test
    void aFailingStatementLeavesTheMachineAsItWas() throws Exception {
        String out = session("""
                let x = 1
                x = x + 1; free_pages(5)
                x
                """);
        assertTrue(out.contains("error"), out);
        assertTrue(out.endsWith("1\n"), out);
    }

    @Test
    void multiLineEntriesGoOnWhileABraceIsOpen() throws Exception {
        String out = session("""
                fn twice(v) {
                    return v * 2
                }
                print(twice(
                    21))
                """);
        assertEquals("42\n", out);
    }

    @Test
    void stateAndCacheShowTheMachine() throws Exception {
        String out = session("""
                :arch arm64
                device nic { dma_mask: 64, coherent: false }
                let rx = alloc_pages(4KiB)
                let m = dma_map_single(nic, rx, DMA_FROM_DEVICE)
                nic writes m = 0x5A
                :state
                :cache rx[0..128]
                :cache m
                :cache nic
                """);
        assertTrue(out.contains("devices   nic (dma_mask 64 bits, non-coherent)"), out);
        assertTrue(out.contains("buffers   rx: 4KiB cached"), out);
        assertTrue(out.contains("DMA_FROM_DEVICE, direct, owned by nic"), out);
        assertTrue(out.contains("dma-bufs  none"), out);
        List<String> rows = out.lines().filter(l -> l.matches("0\\.\\.128 +0x.*")).toList();
        assertEquals(1, rows.size(), "two like lines, one row:\n" + out);
        assertTrue(rows.get(0).contains("Invalid Clean") && rows.get(0).contains("0x5a x64 | 0x00 x64"), out);
        assertTrue(out.contains("is a device, not a CPU view"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("0\\.\\.4096 +0x\\S+ +64 .*")), "a mapping shows its buffer:\n" + out);
    }

    @Test
    void timelineShowsTheRangeAfterEachEntry() throws Exception {
        String out = session("""
                :arch arm64
                device nic { dma_mask: 64, coherent: false }
                let rx = alloc_pages(4KiB)
                cpu writes rx = 0x00
                let m = dma_map_single(nic, rx, DMA_FROM_DEVICE)
                nic writes m = 0x5A
                :timeline rx[0..128]
                :timeline nix
                """);
        assertTrue(out.contains("timeline of rx[0..128]: 128 bytes, 64-byte lines, touched by 4 of 5 statements"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\[5\\]:1:1 +nic writes m = 0x5A +nic +0\\.\\.128 +Invalid +0x5a")), out);
        assertTrue(out.contains("Clean 0x00 (stale)"), out);
        assertTrue(out.contains("unknown name 'nix'"), out);
        assertTrue(out.contains("did you mean 'nic'?"), out);
    }

    @Test
    void helpReportsResetLoadAndUnknownCommands() throws Exception {
        Path script = dir.resolve("s.dma");
        Files.writeString(script, "device d { coherent: false }\nlet b = alloc_pages(4KiB)\nfree_pages(b)\nfree_pages(b)\n");
        String out = session(":help\n:help dma_sync_single_for_cpu\n:help DMA_TO_DEVICE\n:load " + script
                + "\n:reports\n:reset\nb\n:hepl\n:quit\nprint(1)\n");
        assertTrue(out.contains(":cache VIEW[range]"), out);
        assertTrue(out.contains("dma_sync_single_for_cpu(dev, "), out);
        assertTrue(out.contains("DMA_TO_DEVICE = "), out);
        assertTrue(out.contains("[USE_AFTER_FREE]"), out);
        assertTrue(out.contains("unknown name 'b'"), out);
        assertTrue(out.contains("did you mean :help?"), out);
        assertFalse(out.endsWith("1\n"), "nothing runs after :quit:\n" + out);
    }

    @Test
    void unknownArchKeepsTheSession() throws Exception {
        String out = session("let k = 3\n:arch armm64\nk\n");
        assertTrue(out.contains("arm64"), out);
        assertTrue(out.endsWith("3\n"), out);
    }

    @Test
    void theParserAsksForMoreLinesAndSplitsWordsForCompletion() {
        ReplParser p = new ReplParser();
        assertThrowsEof(() -> p.parse("for i in 0..2 {", 15, ParseContext.ACCEPT_LINE));
        assertThrowsEof(() -> p.parse("let a = 1 +", 11, ParseContext.ACCEPT_LINE));
        p.parse(":save x.dma", 11, ParseContext.ACCEPT_LINE);
        ParsedLine l = p.parse("let m = dma_map_single(ni", 25, ParseContext.COMPLETE);
        assertEquals("ni", l.word());
        assertEquals(2, l.wordCursor());
        assertEquals("", p.parse("f(", 2, ParseContext.COMPLETE).word());
    }

    private static void assertThrowsEof(Runnable r) {
        try {
            r.run();
        } catch (EOFError expected) {
            return;
        }
        throw new AssertionError("expected EOFError");
    }

    @Test
    void completionOffersBuiltinsConstantsKeywordsAndTheSessionsNames() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Repl repl = new Repl(ScenarioRunner.Options.defaults(), new PrintStream(bytes, true, StandardCharsets.UTF_8), dir);
        repl.plain(new BufferedReader(new StringReader("device nic { coherent: true }\nlet rx = alloc_pages(4KiB)\n")));
        ReplCompleter c = new ReplCompleter(BuiltinRegistry.standard(), repl::session, repl.commands());
        List<Candidate> found = new ArrayList<>();
        c.complete(null, new ReplParser().parse("let q = n", 9, ParseContext.COMPLETE), found);
        assertTrue(found.stream().anyMatch(k -> k.value().equals("nic") && k.group().equals("devices")));
        assertTrue(found.stream().anyMatch(k -> k.value().equals("rx") && k.group().equals("variables")));
        assertTrue(found.stream().anyMatch(k -> k.value().equals("dma_sync_single_for_cpu")));
        assertTrue(found.stream().anyMatch(k -> k.value().equals("DMA_FROM_DEVICE")));
        assertTrue(found.stream().anyMatch(k -> k.value().equals("expect")));
        found.clear();
        c.complete(null, new ReplParser().parse(":sa", 3, ParseContext.COMPLETE), found);
        assertTrue(found.stream().anyMatch(k -> k.value().equals(":save")));
    }

    @Test
    void theHighlighterColoursWithTheLexersTokens() {
        ReplHighlighter h = new ReplHighlighter(java.util.Set.of("alloc_pages"));
        String line = "let b = alloc_pages(4KiB) # hi \"";
        AttributedString s = h.highlight(null, line);
        assertEquals(line, s.toString());
        assertTrue(s.toAnsi().contains("\u001b["), s.toAnsi());
        assertTrue(!s.styleAt(0).equals(s.styleAt(3)), "a keyword is styled, the blank after it is not");
    }

    @Test
    void theReadmeTableListsEveryMetaCommand() throws Exception {
        Repl repl = new Repl(ScenarioRunner.Options.defaults(), new PrintStream(new ByteArrayOutputStream()), dir);
        String readme = Files.readString(Path.of("..", "README.md"));
        for (MetaCommand c : repl.commands()) {
            String row = "| `" + c.synopsis() + "` | " + c.summary() + " |";
            assertTrue(readme.contains(row), "README.md lacks the row\n" + row);
        }
    }

    @Test
    void saveUnderAChosenArchKeepsTheEntriesOwnArchOut() throws Exception {
        Path saved = dir.resolve("a.dma");
        String out = session(":arch arm64\narch x86_64\ndevice d {}\n:save " + saved + "\n");
        String text = Files.readString(saved);
        assertTrue(text.contains("arch arm64\n# arch x86_64"), out + text);
        assertTrue(text.endsWith("device d {}\n"), text);
    }

    @Test
    void positionsNameTheEntryAndListDropAndUndoTakeEntriesBack() throws Exception {
        String out = session("""
                let a = 1
                let b = a + 1
                frobnicate(
                  2)
                let c = b + 1
                :list
                :drop 2
                c
                :undo
                :list
                :drop 9
                :drop x
                """);
        assertTrue(out.contains("[3]:1:1: error: unknown name 'frobnicate'"), out);
        assertTrue(out.contains("   [1] let a = 1\n   [2] let b = a + 1\n   [4] let c = b + 1\n"), out);
        assertTrue(out.contains("dropped [2]: replayed 1 entries on a new machine; [4] fail without it and are dropped too"),
                "c needs b: it fails on replay\n" + out);
        assertTrue(out.contains("unknown name 'c'"), out);
        assertTrue(out.contains("undid [1] let a = 1"), out);
        assertTrue(out.contains("no entries yet"), out);
        assertTrue(out.contains("no entry [9]"), out);
        assertTrue(out.contains("usage: :drop N"), out);
    }

    @Test
    void aReadAndItsWitnessesNameTheEntriesTheyComeFrom() throws Exception {
        String out = session("""
                arch arm64
                device nic { dma_mask: 64, coherent: false }
                let rx = alloc_pages(4KiB)
                let m = dma_map_single(nic, rx, DMA_FROM_DEVICE)
                nic writes m = 0x5A
                cpu reads rx[0..64]
                """);
        assertTrue(out.contains("[6]:1:1  cpu reads rx[0..64]"), out);
        assertTrue(out.contains("device write at [5]:1:1"), out);
    }

    @Test
    void helpCoversKeywordsFieldsPropertiesReportCodesAndArches() throws Exception {
        String out = session(":help expect\n:help STALE_READ\n:help dma_mask\n:help swiotlb\n:help arm64\n:help STALE_RAED\n"
                + ":help phys\n:help cpu\n");
        assertTrue(out.contains("keyword expect:\n  expect COND\n"), out);
        assertTrue(out.contains("  expect report CODE, CODE { ... }"), out);
        assertTrue(out.contains("report STALE_READ (error)\n  means: "), out);
        assertTrue(out.contains("  fix:   hand the buffer to the CPU before it reads"), out);
        assertTrue(out.contains("device property dma_mask: a number of bits, 1..64, default 32"), out);
        assertTrue(out.contains("device property swiotlb: one of force, off, default off"), out);
        assertTrue(out.contains("machine property swiotlb: an integer"), out);
        assertTrue(out.contains("arch profile arm64 (stdlib/arch/arm64.dma):\n  # arm64 since Linux 5.19"), out);
        assertTrue(out.contains("nothing is named STALE_RAED; did you mean STALE_READ?"), out);
        assertTrue(out.contains("field phys of a CPU view: an integer\n  the physical address"), out);
        assertTrue(out.contains("keyword cpu:") && out.contains("field cpu of a coherent allocation: a CPU view or null"),
                out);
    }

    @Test
    void completionInArgumentPositionOffersWhatFitsTheParameter() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Repl repl = new Repl(ScenarioRunner.Options.defaults(), new PrintStream(bytes, true, StandardCharsets.UTF_8), dir);
        repl.plain(new BufferedReader(new StringReader("""
                device nic { coherent: true }
                device gpu { coherent: true }
                let rx = alloc_pages(4KiB)
                let m = dma_map_single(nic, rx, DMA_FROM_DEVICE)
                let n = 3
                """)));
        ReplCompleter c = new ReplCompleter(BuiltinRegistry.standard(), repl::session, repl.commands());
        assertEquals(List.of("gpu", "nic"), values(c, "dma_map_single("));
        assertEquals(List.of("rx"), values(c, "dma_map_single(nic, "));
        assertEquals(List.of("DMA_BIDIRECTIONAL", "DMA_FROM_DEVICE", "DMA_NONE", "DMA_TO_DEVICE"),
                values(c, "dma_map_single(nic, rx, "));
        assertEquals(List.of("m", "n"), values(c, "dma_unmap_single(nic, ").stream()
                .filter(v -> v.equals(v.toLowerCase())).toList(), "the session's handles and integers");
        assertTrue(values(c, "dma_unmap_single(nic, m, 4KiB, DMA_FROM_DEVICE, attrs: ").contains("DMA_ATTR_SKIP_CPU_SYNC"));
        assertTrue(values(c, "print(").contains("alloc_pages"), "any value: everything");
        assertTrue(values(c, "let x = [dma_map_single(nic, rx, DMA_TO_DEVICE), ").contains("alloc_pages"));
    }

    private static List<String> values(ReplCompleter c, String line) {
        List<Candidate> found = new ArrayList<>();
        c.complete(null, new ReplParser().parse(line, line.length(), ParseContext.COMPLETE), found);
        return found.stream().map(Candidate::value).sorted().toList();
    }
}
