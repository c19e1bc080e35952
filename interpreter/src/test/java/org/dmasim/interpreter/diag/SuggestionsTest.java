package org.dmasim.interpreter.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> BUILTINS = List.of("dma_map_single", "dma_map_sg", "dma_unmap_single",
            "dma_sync_single_for_cpu", "dma_sync_single_for_device", "alloc_pages", "free_pages", "shmem");

    @Test
    void aTransposedPairIsOneEdit() {
        assertEquals("dma_map_single", Suggestions.closest("dma_map_singel", BUILTINS));
        assertEquals(1, Suggestions.distance("singel", "single"));
    }

    @Test
    void typosWithinAThirdOfTheLength() {
        assertEquals("alloc_pages", Suggestions.closest("alloc_page", BUILTINS));
        assertEquals("dma_sync_single_for_cpu", Suggestions.closest("dma_sync_singel_for_cpu", BUILTINS));
        assertEquals("shmem", Suggestions.closest("shmen", BUILTINS));
        assertEquals("dma_unmap_single", Suggestions.closest("dma_unmap_singel", BUILTINS));
    }

    @Test
    void nothingCloseEnough() {
        assertNull(Suggestions.closest("kmalloc", BUILTINS));
        assertNull(Suggestions.closest("x", List.of("abc")));
        assertNull(Suggestions.closest("anything", List.of()));
    }

    @Test
    void shortNamesStillGetOneEdit() {
        assertEquals("ab", Suggestions.closest("ax", List.of("ab", "zz")));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
    }

    @Test
    void theNearestWinsAndTiesGoToTheFirst() {
        assertEquals("dma_map_sg", Suggestions.closest("dma_map_sgg", BUILTINS));
        assertEquals("abcd", Suggestions.closest("abce", List.of("abcd", "abcf")));
    }
}
