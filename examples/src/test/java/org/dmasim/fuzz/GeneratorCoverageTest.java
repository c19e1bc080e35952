package org.dmasim.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.Test;

/**
 * The generators reach the kernel calls the fuzzing is meant to exercise: the reservation lock
 * and its slots, dma pools, the CMA heap, udmabuf, dma_buf_pin, stack buffers and constant tables in the
 * kernel image (a campaign never called them).
 */
class GeneratorCoverageTest {
    private static final List<String> CALLS = List.of("dma_resv_lock(", "dma_resv_trylock(", "dma_resv_unlock(",
            "dma_resv_reserve_fences(", "dma_resv_add_fence(", "dma_pool_create(", "dma_pool_alloc(",
            "dma_pool_zalloc(", "dma_pool_free(", "dma_pool_destroy(", "\"default_cma_region\"", "udmabuf_create(",
            "dma_buf_pin(", "dma_buf_unpin(", "stack_buf(", "rodata(");

    @Test
    void everyCallAppearsInAThousandPrograms() {
        TreeSet<String> missing = new TreeSet<>(CALLS);
        JqwikSession.start();
        try {
            Random random = new Random(20261204L);
            RandomGenerator<Programs.Program> plain = Programs.programs(30).generator(1000);
            RandomGenerator<Programs.Program> concurrent = Programs.concurrent(20).generator(1000);
            for (int i = 0; i < 1000 && !missing.isEmpty(); i++) {
                String text = (i % 2 == 0 ? plain : concurrent).next(random).value().dma();
                missing.removeIf(text::contains);
            }
        } finally {
            JqwikSession.finish();
        }
        assertEquals(new TreeSet<String>(), missing, "never generated");
    }
}
