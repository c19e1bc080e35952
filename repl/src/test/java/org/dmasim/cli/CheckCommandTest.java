package org.dmasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    @TempDir
    Path dir;

    @Test
    void goodFilesExitZeroWithoutRunning() throws IOException {
        Path a = Files.writeString(dir.resolve("a.dma"), Scenarios.PASSING);
        // Fails when run (STALE_READ), but check only parses and resolves.
        Path b = Files.writeString(dir.resolve("b.dma"), Scenarios.STALE);
        MainTest.Result r = MainTest.run("check", a.toString(), b.toString());
        assertEquals(0, r.exit(), r.out());
        assertEquals("2 files checked: no errors\n", r.out().replace("\r\n", "\n"));
    }

    @Test
    void everyErrorOfEveryFileIsShown() throws IOException {
        Path good = Files.writeString(dir.resolve("good.dma"), Scenarios.PASSING);
        Path names = Files.writeString(dir.resolve("names.dma"), Scenarios.TYPO);
        Path syntax = Files.writeString(dir.resolve("syntax.dma"), "device nic { dma_mask: 64 coherent: false }\nlet x = (1\n");
        MainTest.Result r = MainTest.run("check", good.toString(), names.toString(), syntax.toString(),
                dir.resolve("missing.dma").toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("unknown name 'dma_map_singel'"), r.out());
        assertTrue(r.out().contains("unknown name 'nci'"), r.out());
        assertTrue(r.out().contains("error[syntax]"), r.out());
        assertTrue(r.out().contains("missing.dma: no such file"), r.out());
        assertTrue(r.out().contains("4 files checked: "), r.out());
        assertTrue(r.out().contains(" in 3 files"), r.out());
    }

    @Test
    void polyglotFilesAreNotedNotFailed() throws IOException {
        Path a = Files.writeString(dir.resolve("a.dma"), Scenarios.PASSING);
        Path js = Files.writeString(dir.resolve("b.js"), "dmasim.arch('arm64');");
        MainTest.Result r = MainTest.run("check", a.toString(), js.toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("b.js: note: not checked"), r.out());
    }
}
