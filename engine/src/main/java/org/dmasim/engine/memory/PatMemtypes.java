package org.dmasim.engine.memory;

import java.util.HashMap;
import java.util.Map;

/**
 * x86 PAT's memory type of each RAM page (arch/x86/mm/pat/memtype.c, the memtype of RAM pages kept
 * in the page flags): write-back, unless set_memory_wc / set_memory_uc / set_pages_array_wc changed
 * it (memtype_reserve of RAM: reserve_ram_pages_type). Only x86 has it; elsewhere nothing is set.
 */
public final class PatMemtypes {
    private static final int PAGE_SHIFT = 12;
    private final Map<Long, MemoryType> pages = new HashMap<>();

    /** lookup_memtype(): the tracked type of the page holding {@code phys}. */
    public MemoryType typeOf(long phys) {
        return pages.getOrDefault(phys >>> PAGE_SHIFT, MemoryType.CACHED);
    }

    /** The type of {@code [phys, phys+length)}: the first page's when all agree, else null. */
    public MemoryType typeOf(long phys, long length) {
        MemoryType first = typeOf(phys);
        for (long p = (phys >>> PAGE_SHIFT) + 1; p <= (phys + length - 1) >>> PAGE_SHIFT; p++) {
            if (pages.getOrDefault(p, MemoryType.CACHED) != first) {
                return null;
            }
        }
        return first;
    }

    public void set(long phys, long length, MemoryType type) {
        for (long p = phys >>> PAGE_SHIFT; p <= (phys + length - 1) >>> PAGE_SHIFT; p++) {
            if (type == MemoryType.CACHED) {
                pages.remove(p);
            } else {
                pages.put(p, type);
            }
        }
    }

    public boolean isEmpty() {
        return pages.isEmpty();
    }
}
