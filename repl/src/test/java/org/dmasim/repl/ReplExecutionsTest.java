package org.dmasim.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.dmasim.interpreter.ScenarioRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A REPL session that becomes concurrent: device jobs and forking branches, explored entry by entry. */
class ReplExecutionsTest {
    /** A coherent NIC whose job writes two lines of rx while the CPU goes on. */
    static final String JOB = """
            arch arm64
            device nic { dma_mask: 64, coherent: true }
            let rx = alloc_pages(4KiB)
            let m = dma_map_single(nic, rx, DMA_FROM_DEVICE)
            let j = async nic {
                nic writes m[0..64] = 0x5A
                nic writes m[64..128] = 0x6B
            }
            """;

    /** A non-coherent NIC wrote rx without a sync: a CPU read may be stale. */
    static final String STALE = """
            arch arm64
            device nic { dma_mask: 64, coherent: false }
            let rx = alloc_pages(4KiB)
            cpu writes rx = 0x00
            let m = dma_map_single(nic, rx, DMA_FROM_DEVICE)
            nic writes m = 0x5A
            """;

    @TempDir
    Path dir;

    String session(String input) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Repl repl = new Repl(ScenarioRunner.Options.defaults(), new PrintStream(bytes, true, StandardCharsets.UTF_8), dir);
        repl.plain(new BufferedReader(new StringReader(input)));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anAsyncEntryRunsUnderTheExplorerAndLaterEntriesSeeTheJobRacing() throws Exception {
        String out = session(JOB + "let v = cpu reads rx[0..1]\n");
        assertFalse(out.contains("run the scenario with dmasim run"), out);
        assertTrue(out.contains("[6]:1:9  cpu reads rx[0..1]"), out);
        assertTrue(out.contains("0x00 x1                      zeroed by alloc_pages at [3]:1:10, nic's step 1 (write at"
                + " [5]:2:5) not yet performed"), out);
        assertTrue(out.contains("0x5a x1                      device write at [5]:2:5"), out);
        assertTrue(out.contains("explored 2 executions\n"), out);
        // the entry's events only: the earlier entries ran again without showing anything
        assertEquals(1, lines(out, "\\[\\d+\\]:\\d+:\\d+  cpu reads .*"), out);
    }

    @Test
    void aWaitEntryLaterOrdersTheJobBeforeTheCpu() throws Exception {
        String out = session(JOB + "wait j\nprint(\"waited\")\ncpu reads rx[0..128]\n");
        String read = out.substring(out.indexOf("[8]:1:1  cpu reads rx[0..128]\n"));
        String outcome = read.lines().skip(1).findFirst().orElseThrow();
        assertTrue(outcome.startsWith("    0x5a x64, 0x6b x64 ") && outcome.contains("device write at [5]:2:5")
                && outcome.contains("device write at [5]:3:5") && !outcome.contains("not yet performed"), out);
        assertEquals(1, lines(read, " {4}0x.*"), "one outcome once the job completed:\n" + out);
        assertEquals(1, lines(out, "waited"), out);
        assertFalse(out.contains("JOB_NOT_WAITED"), "the job was waited for:\n" + out);
    }

    @Test
    void aJobNeverWaitedForIsReportedWhenTheSessionEndsOnly() throws Exception {
        String out = session(JOB + "print(\"last entry\")\n");
        int last = out.indexOf("last entry");
        int report = out.indexOf("warning[JOB_NOT_WAITED]: nic's job at [5]:1:9 was never waited for");
        assertTrue(last >= 0 && report > last, out);
        assertEquals(1, count(out, "JOB_NOT_WAITED"), out);
    }

    @Test
    void aForkingIfEntryRunsBothBranchesAndShowsWhatCameBeforeOnce() throws Exception {
        String out = session(STALE + """
                let v = cpu reads rx[0..1]
                print("before"); if v == 0x5A { print("new") } else { print("old") }; print("after")
                """);
        assertTrue(out.contains("before\nnew\nold\nafter\nexplored 2 executions\n"), out);
        assertFalse(out.contains("decides what happens next"), out);
    }

    @Test
    void aForkOnAReadOfTheSameEntryShowsTheReadOverBothExecutions() throws Exception {
        String out = session(STALE + """
                print("first"); let w = cpu reads rx[0..1]; if w == 0x5A { print("new") } else { print("old") }
                """);
        assertEquals(1, lines(out, "first"), out);
        assertEquals(1, lines(out, "\\[7\\]:1:25  cpu reads rx\\[0\\.\\.1\\]"), out);
        assertTrue(out.contains("(in 1 of 2 executions)"), "the stale read happens in one of them:\n" + out);
        int fresh = out.indexOf("\nnew\n");
        int stale = out.indexOf("\nold\n");
        assertTrue(fresh > 0 && stale > fresh && out.endsWith("old\nexplored 2 executions\n"), out);
    }

    @Test
    void executionsListsTheLiveSetWithInterleavingsJobsAndBranches() throws Exception {
        String out = session(JOB + "let v = cpu reads rx[0..1]\n:executions\n:executions 1\n");
        String listed = out.substring(out.indexOf("2 executions after the last entry:"));
        assertTrue(listed.contains("""
                  1. interleaving: cpu [5]:1:9 [6]:1:9
                     jobs: nic's step 1 (write at [5]:2:5) not yet performed
                  2. interleaving: cpu [5]:1:9, then nic [5]:2:5, then cpu [6]:1:9
                     jobs: nic's step 2 (write at [5]:3:5) not yet performed
                """), listed);
        assertTrue(out.contains("2 executions after the last entry; the first 1:"), out);
        assertTrue(out.contains("... and 1 more (:executions 2 shows them all)"), out);

        String forked = session(STALE + "let v = cpu reads rx[0..1]\nif v == 0x5A { print(\"new\") }\n:executions\n");
        assertTrue(forked.contains("""
                2 executions after the last entry:
                  1. branch: cpu reads rx[0..1] at [7]:1:9 returned 0x5a x1
                  2. branch: cpu reads rx[0..1] at [7]:1:9 returned 0x00 x1 (stale)
                """), forked);
    }

    @Test
    void executionsOfASessionThatIsOneSequence() throws Exception {
        String out = session("let x = 1\n:executions\n:executions zero\n");
        assertTrue(out.contains("1 execution: no entry started a device job or branched on a read with several values"),
                out);
        assertTrue(out.contains("usage: :executions [N]"), out);
    }

    @Test
    void aFailingEntryLeavesTheExecutionsAsTheyWere() throws Exception {
        String out = session(JOB + """
                let v = cpu reads rx[0..1]
                :executions
                if v == 0x5A { free_pages(1) }
                :executions
                :list
                """);
        int first = out.indexOf("2 executions after the last entry:");
        int error = out.indexOf("free_pages: 'buf' must be a buffer");
        int second = out.indexOf("2 executions after the last entry:", error);
        assertTrue(first >= 0 && error > first && second > error, out);
        String before = out.substring(first, out.indexOf("[7]", first));
        String after = out.substring(second, out.indexOf("   [1]", second));
        assertEquals(before, after);
        assertFalse(out.contains("free_pages(1) }\n   ["), "the failing entry is not in :list:\n" + out);
        assertFalse(out.contains("explored 2 executions\n[7]"), out);
    }

    @Test
    void stateTimelineAndEchoInAConcurrentSessionShowTheFirstExecution() throws Exception {
        String out = session(JOB + "let v = cpu reads rx[0..1]\n:state\n:timeline rx[0..64]\nv\n");
        assertTrue(out.contains("(the machine of the first of 2 executions; :executions lists them)"), out);
        assertTrue(out.contains("devices   nic"), out);
        assertTrue(out.contains("timeline of rx[0..64]: 64 bytes, 64-byte lines, touched by 4 of 6 statements"), out);
        assertTrue(out.contains("0x00 x1  (in the first of 2 executions)"), out);
    }

    @Test
    void helpListsExecutions() throws Exception {
        String out = session(":help\n");
        assertTrue(out.contains(":executions [N]"), out);
    }

    private static int lines(String text, String regex) {
        return (int) text.lines().filter(l -> l.matches(regex)).count();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
