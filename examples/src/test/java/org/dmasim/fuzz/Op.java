package org.dmasim.fuzz;

/**
 * One generated step, as raw choices: {@code kind} says what to do, {@code a}, {@code b}, {@code c}
 * pick the objects it acts on (modulo what exists at that point), {@code x}, {@code y} pick numbers,
 * {@code v} picks variants. {@link ProgramWriter} interprets the choices against what the program
 * has made so far, so any sub-list of steps (what shrinking tries) is still a program.
 */
record Op(Kind kind, int a, int b, int c, long x, long y, int v) {
    enum Kind {
        ALLOC_PAGES(6), KMALLOC(4), VMALLOC(2), SHMEM(3), STACK_BUF(2), RODATA(1), SHMEM_PIN(1), SG_TABLE(3), COHERENT(4), FREE(3),
        FREE_COHERENT(2), GET_SGTABLE(1),
        MAP_SINGLE(8), MAP_PAGE(2), MAPPING_ERROR(4), UNMAP(5), SYNC(6), SYNC_RANGE(2), NEED_SYNC(2), MAP_SG(3),
        UNMAP_SG(2), SYNC_SG(2), SET_MASK(1),
        CPU_WRITE(8), CPU_READ(6), DEV_WRITE(6), DEV_READ(5), EXPECT_READ(3),
        HEAP_ALLOC(2), EXPORT(3), FD(2), GET(1), PUT(1), ATTACH(3), MAP_ATTACHMENT(3), UNMAP_ATTACHMENT(2), DETACH(1),
        CPU_ACCESS(2), VMAP(2), VUNMAP(1), MMAP(2), MUNMAP(1), BUF_SYNC(2), PRIME_IMPORT(1), GEM_MAP(1),
        VRAM_ALLOC(2), MAP_RESOURCE(1), UNMAP_RESOURCE(1), IO_WRITE(2), IO_READ(2),
        HW_EVENT(3), PRINT(2), REPORTS(1),
        LOOP(3), WHILE(1), IF(2), FN(2), RECURSE(1), EXPECT_REPORT(2), LIBRARY(3), ASSIGN(1), EXPECT_CLEAN(1),
        ASYNC(4), WAIT(3), FENCE(2), RESV(3), POOL(3), PIN(1);

        /** How often the generator picks it, relative to the others. */
        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }

        /** Kinds whose code has a JavaScript form. */
        boolean translatable() {
            return switch (this) {
                case EXPECT_READ, EXPECT_REPORT, LIBRARY, RECURSE, EXPECT_CLEAN, ASYNC, WAIT, FENCE, RESV, POOL, PIN -> false;
                default -> true;
            };
        }
    }

    /** {@code bits} bits of the variant starting at {@code from}. */
    int variant(int from, int bits) {
        return (v >>> from) & ((1 << bits) - 1);
    }
}
