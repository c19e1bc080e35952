package org.dmasim.interpreter.lang;

import java.util.List;
import java.util.Optional;

/** Every keyword, declared once: {@code :help KEYWORD}, completion and docs/language.md read this list. */
public final class Keywords {
    private static final List<Keyword> ALL = List.of(
            k("arch", List.of("arch NAME"), "chooses the arch profile (stdlib/arch/NAME.dma, or a profile the script "
                    + "declares): cache line, coherence, the sync maintenance table; before the first device. "
                    + "Without one the profile is x86_64; --arch replaces it", "declarations"),
            k("machine", List.of("machine { ram: 8GiB, swiotlb: 64MiB, ram_base: 0, memory_budget: 2GiB }"),
                    "sizes the machine (all optional); before the first device or allocation", "declarations"),
            k("device", List.of("device NAME { PROPERTY: VALUE, ... }", "device NAME: PRESET { ... }"),
                    "declares a device: its DMA mask, coherence, IOMMU, bus offset, VRAM, driver. A preset gives "
                            + "defaults that the block overrides (:help dma_mask and the other properties)",
                    "declarations"),
            k("preset", List.of("preset NAME { PROPERTY: VALUE, ... }", "preset NAME: BASE { ... }"),
                    "declares device defaults for device NAME: PRESET { }", "declarations"),
            k("profile", List.of("profile NAME { cache_line: 64, for_device: {...}, for_cpu: {...}, ... }"),
                    "declares an arch profile (the stdlib's are in stdlib/arch/)", "declarations"),
            k("import", List.of("import \"FILE.dma\""),
                    "runs a library once: FILE next to the script, else stdlib/lib/FILE; its functions and names "
                            + "become visible", "imports"),
            k("let", List.of("let NAME = EXPRESSION"), "binds a name in the current block; NAME = EXPRESSION "
                    + "assigns it again later", "statements"),
            k("fn", List.of("fn NAME(A, B) { ... }"), "declares a function; it runs in the file that declares it, "
                    + "may use globals declared after it, and returns with return", "statements"),
            k("return", List.of("return", "return EXPRESSION"), "leaves a function, with a value or null",
                    "statements"),
            k("if", List.of("if COND { ... }", "if COND { ... } else { ... }", "if COND { ... } else if COND { ... }"),
                    "runs a block when the condition holds (true, a non-zero integer, a non-null value)",
                    "statements"),
            k("else", List.of("if COND { ... } else { ... }"), "the other branch of an if", "statements"),
            k("for", List.of("for I in A..B { ... }", "for X in LIST { ... }"),
                    "repeats a block for I = A, A+1, ... B-1, or for each item of a list", "statements"),
            k("in", List.of("for X in LIST { ... }"), "what a for loop walks over", "statements"),
            k("while", List.of("while COND { ... }"), "repeats a block while the condition holds (bounded by "
                    + "--max-steps)", "statements"),
            k("expect", List.of("expect COND", "expect ACTOR reads X == VALUE", "expect always ACTOR reads X == VALUE",
                    "expect sometimes ACTOR reads X == VALUE", "expect never ACTOR reads X == VALUE",
                    "expect report CODE, CODE { ... }", "expect never report CODE { ... }", "expect clean"),
                    "states what must hold: a condition, or a read judged over all its possible outcomes (every "
                            + "one, at least one, none); report: the block must raise each code (and those reports "
                            + "do not fail the run); never report: the block raises none of the codes; clean: no "
                            + "report so far. With device jobs, over every execution that reaches it (sometimes: "
                            + "in at least one)", "expectations"),
            k("always", List.of("expect always ACTOR reads X == VALUE"),
                    "every possible outcome of the read equals VALUE (the same as expect without a word)",
                    "expectations"),
            k("sometimes", List.of("expect sometimes ACTOR reads X == VALUE"),
                    "at least one possible outcome of the read equals VALUE", "expectations"),
            k("never", List.of("expect never ACTOR reads X == VALUE"), "no possible outcome of the read equals VALUE",
                    "expectations"),
            k("report", List.of("expect report CODE, CODE { ... }", "expect never report CODE { ... }"),
                    "the block must raise each listed report code, or with never none of them (:help CODE tells "
                            + "what a code means)", "expectations"),
            k("clean", List.of("expect clean"), "no report has been raised so far outside expect report blocks",
                    "expectations"),
            k("cpu", List.of("cpu reads VIEW[A..B]", "cpu writes VIEW[A..B] = VALUE"),
                    "the CPU as the actor of a read or a write; it accesses CPU views (buffers, .cpu sides, vmaps, "
                            + "mmaps)", "memory-access"),
            k("reads", List.of("ACTOR reads X[A..B]", "let seen = ACTOR reads X[A..B]"),
                    "a read: as a statement it prints every value the hardware could return; as an expression it is "
                            + "that set of outcomes", "memory-access"),
            k("writes", List.of("ACTOR writes X[A..B] = VALUE"),
                    "a write of a byte, a string, a list of bytes, u32(x), u64(x) or pattern(seed), repeated to "
                            + "fill the range", "memory-access"),
            k("true", List.of("true"), "the boolean true", "expressions"),
            k("false", List.of("false"), "the boolean false", "expressions"),
            k("null", List.of("null"), "no value: what a failed allocation returns", "expressions"),
            k("and", List.of("A and B"), "both hold (B is evaluated only when A holds)", "expressions"),
            k("or", List.of("A or B"), "either holds (B is evaluated only when A does not)", "expressions"),
            k("not", List.of("not A"), "A does not hold", "expressions"),
            k("async", List.of("let j = async DEV { DEVICE STATEMENTS }", "async DEV after FENCE, ... { ... }"),
                    "starts a job of device DEV that runs concurrently with the CPU, one step per device statement; "
                            + "the value is the job: j.fence signals after its last step, j.NAME is what its let "
                            + "NAME bound once the CPU waited for it", "concurrency"),
            k("after", List.of("async DEV after FENCE, LIST, SYNC_FILE { ... }"),
                    "the fences a job's first step waits for: fences, lists of them, sync files, "
                            + "dma_resv_get_fences(buf, usage)", "concurrency"),
            k("wait", List.of("wait j", "wait until COND"),
                    "wait j: the CPU waits for job j to complete (its completion interrupt); wait until: polls "
                            + "until the condition holds (a HANG when it never can)", "concurrency"),
            k("until", List.of("wait until COND"), "polls until the condition holds; inside a job, a device "
                    + "polling an owner bit", "concurrency"),
            k("via", List.of("async DEV via writel { ... }"), "reserved for the doorbell write that starts a job "
                    + "(not yet: a job starts as if rung with writel())", "concurrency"));

    private Keywords() {
    }

    private static Keyword k(String name, List<String> forms, String doc, String section) {
        return new Keyword(name, forms, doc, section);
    }

    public static List<Keyword> all() {
        return ALL;
    }

    public static Optional<Keyword> find(String name) {
        return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
    }
}
