package org.dmasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --color=auto|always|never} and NO_COLOR: colour goes on and off, and never changes the text. */
class ColorTest {
    private static final String ESC = "\u001b[";
    private static final String RED_BOLD = ESC + "1m" + ESC + "31m";
    private static final String RESET = ESC + "0m";

    @TempDir
    Path dir;

    @Test
    void alwaysColoursErrorsWarningsStaleValuesAndTheVerdict() throws IOException {
        Path f = Files.writeString(dir.resolve("stale.dma"), Scenarios.STALE);
        MainTest.Result r = MainTest.run("run", f.toString(), "--color=always");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains(RED_BOLD + "error[STALE_READ]:" + RESET), r.out());
        assertTrue(r.out().contains(ESC + "1m" + ESC + "33mwarning[CPU_ACCESS_DEVICE_OWNED]:" + RESET), r.out());
        assertTrue(r.out().contains(ESC + "33m(stale)" + RESET), r.out());
        assertTrue(r.out().contains(RED_BOLD + "FAIL" + RESET), r.out());
        assertTrue(r.out().contains(ESC + "1m" + f + ":8:1:" + RESET + " "), r.out());
        Path ok = Files.writeString(dir.resolve("ok.dma"), Scenarios.PASSING);
        assertTrue(MainTest.run("run", ok.toString(), "--color=always").out().contains(ESC + "1m" + ESC + "32mPASS" + RESET));
    }

    @Test
    void neverAndAutoIntoAPipePrintTheSameTextWithoutEscapes() throws IOException {
        Path f = Files.writeString(dir.resolve("stale.dma"), Scenarios.STALE);
        MainTest.Result never = MainTest.run("run", f.toString(), "--color=never");
        MainTest.Result auto = MainTest.run("run", f.toString());
        assertFalse(never.out().contains(ESC), never.out());
        assertEquals(never.out(), auto.out());
        String coloured = MainTest.run("run", f.toString(), "--color=always").out();
        assertEquals(never.out(), coloured.replaceAll("\u001b\\[[0-9;]*m", ""));
    }

    @Test
    void checkAndTestColourToo() throws IOException {
        Path f = Files.writeString(dir.resolve("typo.dma"), Scenarios.TYPO);
        String check = MainTest.run("check", f.toString(), "--color=always").out();
        assertTrue(check.contains(RED_BOLD + "error:" + RESET), check);
        assertFalse(MainTest.run("check", f.toString(), "--color=never").out().contains(ESC));
        Files.writeString(dir.resolve("ok.dma"), Scenarios.PASSING);
        String table = MainTest.run("test", dir.toString(), "--color=always", "-j", "1").out();
        assertTrue(table.contains(ESC + "1m" + ESC + "32mpass" + RESET), table);
        assertTrue(table.contains(RED_BOLD + "ERROR" + RESET), table);
    }

    @Test
    void noColorTurnsAutoOffButNotAlways() {
        assertFalse(ColorMode.auto.enabled(Map.of("NO_COLOR", "1"), () -> true));
        assertTrue(ColorMode.auto.enabled(Map.of("NO_COLOR", ""), () -> true));
        assertTrue(ColorMode.auto.enabled(Map.of(), () -> true));
        assertFalse(ColorMode.auto.enabled(Map.of(), () -> false));
        assertTrue(ColorMode.always.enabled(Map.of("NO_COLOR", "1"), () -> false));
        assertFalse(ColorMode.never.enabled(Map.of(), () -> true));
    }
}
