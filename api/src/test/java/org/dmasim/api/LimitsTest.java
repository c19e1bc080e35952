package org.dmasim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LimitsTest {
    /** Prints once the loop is about to start, so the test cancels a run that is surely running. */
    private static final String SPIN = "print(\"spinning\")\nwhile true { }\n";

    private static Listener releasing(CountDownLatch started) {
        return new Listener() {
            @Override
            public void print(Print print) {
                started.countDown();
            }
        };
    }

    @Test
    void theStepBudgetEndsARunawayLoop() {
        Result r = Dmasim.builder().maxSteps(10_000).build().eval(SPIN);
        assertEquals(Status.LIMIT_EXCEEDED, r.status());
        assertEquals(Limit.STEPS, r.limit());
        assertEquals("steps", r.limit().label());
        assertEquals(2, r.exitCode());
        assertEquals(2, r.errors().get(0).position().line());
        assertEquals(java.util.List.of("spinning"), r.printed());
    }

    @Test
    void aLimitReachedAtATopLevelStatementIsNamedToo() {
        // `let a = 1` takes two steps (the statement, its expression): the third step is statement 2 itself.
        Result r = Dmasim.builder().maxSteps(2).build().eval("let a = 1\nlet b = 2\n");
        assertEquals(Limit.STEPS, r.limit(), r.text());
        assertEquals(2, r.errors().get(0).position().line());
    }

    @Test
    void theTimeoutEndsARunawayLoop() {
        Result r = Dmasim.builder().timeout(Duration.ofMillis(200)).maxSteps(Long.MAX_VALUE).build().eval(SPIN);
        assertEquals(Status.LIMIT_EXCEEDED, r.status());
        assertEquals(Limit.TIMEOUT, r.limit());
        assertTrue(r.errors().get(0).message().contains("longer than 200 ms"), r.errors().get(0).message());
    }

    @Test
    void theHostsMemoryBudgetBoundsTheMachine() {
        Sandbox small = Dmasim.builder().memoryBudget(1 << 20).build();
        assertEquals(1 << 20, small.memoryBudget());
        Result r = small.eval("let b = vmalloc(4MiB)\ncpu writes b = 0x11\n");
        assertEquals(Status.LIMIT_EXCEEDED, r.status(), r.text());
        assertEquals(Limit.MEMORY, r.limit());
        assertEquals(2, r.errors().get(0).position().line());

        Result raise = small.eval("machine { memory_budget: 2MiB }\n");
        assertEquals(Limit.MEMORY, raise.limit(), raise.text());
        assertTrue(raise.errors().get(0).message().contains("above the host's memory limit of 1MiB"),
                raise.errors().get(0).message());
        assertEquals(Status.PASSED, small.eval("machine { memory_budget: 512KiB }\n").status());
    }

    @Test
    void printingInALoopEndsAtTheOutputLimit() {
        Result r = Dmasim.builder().keepEvents(false).build()
                .eval("let s = \"x\"\nfor i in 0..20 { s = s + s }\nwhile true { print(s) }\n");
        assertEquals(Status.LIMIT_EXCEEDED, r.status(), () -> r.text().substring(Math.max(0, r.text().length() - 2000)));
        assertEquals(Limit.OUTPUT, r.limit());
    }

    @Test
    void withoutAHostBudgetAScriptMayRaiseItsOwn() {
        // within what the JVM's heap can back (two thirds of -Xmx2g under Surefire): a larger budget is refused
        assertEquals(Status.PASSED, Dmasim.sandbox().eval("machine { memory_budget: 1GiB }\n").status());
    }

    @Test
    void cancelFromAnotherThreadEndsTheRunAndLeavesTheSandboxUsable() throws Exception {
        Sandbox sandbox = Dmasim.builder().timeout(Duration.ofHours(1)).maxSteps(Long.MAX_VALUE).build();
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Result> run = CompletableFuture.supplyAsync(() -> sandbox.eval(SPIN, releasing(started)));
        started.await();
        sandbox.cancel();
        Result r = run.get();
        assertEquals(Status.LIMIT_EXCEEDED, r.status());
        assertEquals(Limit.CANCELLED, r.limit());
        assertEquals("cancelled", r.limit().label());
        assertEquals(Status.FAILED, sandbox.eval(Scenarios.FORGOTTEN_SYNC).status());
    }

    @Test
    void aCancelDuringTheLastStatementStillEndsTheRunAsCancelled() {
        // The cancel comes while the last statement runs (here from its print event; in life during a long kernel call).
        Sandbox sandbox = Dmasim.sandbox();
        Result r = sandbox.eval("let n = 1\nprint(\"last\")\n", new Listener() {
            @Override
            public void print(Print print) {
                sandbox.cancel();
            }
        });
        assertEquals(Limit.CANCELLED, r.limit(), r.text());
        assertEquals(2, r.errors().get(0).position().line());
    }

    @Test
    void cancelWithNothingRunningDoesNotReachTheNextRun() {
        Sandbox sandbox = Dmasim.sandbox();
        sandbox.cancel();
        assertEquals(Status.PASSED, sandbox.eval("expect 1 + 1 == 2\n").status());
    }

    @Test
    void aCancelledSessionEntryLeavesTheMachineAsItWas() throws Exception {
        Session session = Dmasim.builder().timeout(Duration.ofHours(1)).maxSteps(Long.MAX_VALUE).build().session(null);
        assertEquals(Status.PASSED, session.eval("let n = 1").status());
        CountDownLatch started = new CountDownLatch(1);
        Session watched = Dmasim.builder().timeout(Duration.ofHours(1)).maxSteps(Long.MAX_VALUE).build()
                .session(releasing(started));
        watched.eval("let n = 1");
        CompletableFuture<Result> entry = CompletableFuture.supplyAsync(() -> watched.eval("n = 2\n" + SPIN));
        started.await();
        watched.cancel();
        Result r = entry.get();
        assertEquals(Limit.CANCELLED, r.limit());
        assertEquals(1L, watched.get("n"));
        assertEquals(Status.PASSED, watched.eval("expect n == 1").status());
        assertNull(session.eval("let m = 2").limit());
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> Dmasim.builder().maxSteps(0));
        assertThrows(IllegalArgumentException.class, () -> Dmasim.builder().timeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Dmasim.builder().memoryBudget(-1));
        assertThrows(IllegalArgumentException.class, () -> Dmasim.builder().maxExecutions(0));
    }
}
