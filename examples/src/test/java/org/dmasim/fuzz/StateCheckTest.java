package org.dmasim.fuzz;

import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * The fuzzer's failed-entry checks hold dmasim to "a failed entry changes nothing" and know the
 * one designed exception: a call that did its work and then would wait forever keeps the work
 * (the REPL replays), as the kernel's dma_buf_map_attachment maps before it waits.
 */
class StateCheckTest {
    @Test
    void aCallThatMapsAndThenWaitsForeverIsNotAFinding() {
        // campaign seed 2026120801 reported the golden fuzz/prime-import-waits-forever as
        // "failed-call-changed-machine" once the REPL replayed such an entry
        String program = """
                arch arm64
                device nic { dma_mask: 32, iommu: true }
                let x = dma_heap_alloc(4KiB)
                let fd = dma_buf_fd(x)
                dma_resv_lock(x)
                dma_resv_reserve_fences(x, 1)
                dma_resv_add_fence(x, dma_fence_create(), DMA_RESV_USAGE_KERNEL)
                dma_resv_unlock(x)
                let o = drm_gem_prime_import(nic, fd)
                """;
        assertNull(StateCheck.check(program, new Stats()));
    }
}
