package org.dmasim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Sandboxes in one JVM share nothing mutable: runs in parallel give what they give one at a time. */
class IsolationTest {
    private static final int PARALLEL = 8;

    @Test
    void eightScenariosOnEightSandboxesInParallelEqualTheSequentialResults() throws Exception {
        // seed000 alone takes seconds (it maps and bounces hundreds of shmem pages): the golden tests run it.
        List<Path> files = Scenarios.examples().stream().filter(p -> !p.getFileName().toString().startsWith("seed000"))
                .limit(PARALLEL).toList();
        assertEquals(PARALLEL, files.size());
        Sandbox one = Dmasim.sandbox();
        List<Result> sequential = new ArrayList<>();
        for (Path f : files) {
            sequential.add(one.run(f));
        }
        assertTrue(sequential.stream().allMatch(r -> !r.events().isEmpty()), "every example shows something");
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            for (int round = 0; round < 3; round++) {
                CyclicBarrier start = new CyclicBarrier(PARALLEL);
                List<Future<Result>> parallel = new ArrayList<>();
                for (Path f : files) {
                    Sandbox own = Dmasim.builder().build();
                    parallel.add(pool.submit(() -> {
                        start.await();
                        return own.run(f);
                    }));
                }
                for (int i = 0; i < PARALLEL; i++) {
                    assertEquals(sequential.get(i), parallel.get(i).get(), files.get(i) + " in round " + round);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneSandboxRunsSeveralThreadsAtOnce() throws Exception {
        Sandbox shared = Dmasim.sandbox();
        Result expected = shared.eval(Scenarios.FORGOTTEN_SYNC);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Result>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> shared.eval(Scenarios.FORGOTTEN_SYNC)));
            }
            for (Future<Result> r : runs) {
                assertEquals(expected, r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
