package org.dmasim.engine.machine;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How an arch orders the CPU's accesses to memory a device sees (docs/concurrency.md, "Ordering"):
 * whether stores drain from the store buffer in program order, whether a load may be satisfied
 * out of program order, and what each barrier macro orders, as the arch's
 * {@code arch/*&#47;include/asm/barrier.h} and {@code io.h} define it.
 *
 * @param storeOrder {@code tso}: stores drain in program order (x86-TSO, sparc64 TSO);
 *     {@code relaxed}: stores to different locations drain in any order unless a barrier orders them
 * @param loadOrder {@code in_order}: a load is satisfied at its place in program order;
 *     {@code relaxed}: it may be satisfied earlier or later, back to the last barrier ordering it
 * @param barriers per barrier name ({@code dma_rmb}, {@code mb}, ...) the pairs of an earlier and a
 *     later access class it orders against a device
 */
public record MemoryOrdering(StoreOrder storeOrder, LoadOrder loadOrder, Map<String, Set<Pair>> barriers) {
    /** How stores drain. */
    public enum StoreOrder { TSO, RELAXED }

    /** When loads are satisfied. */
    public enum LoadOrder { IN_ORDER, RELAXED }

    /** An earlier access class and a later one: {@code WR} orders earlier stores before later loads. */
    public enum Pair { RR, RW, WR, WW }

    /**
     * What the DMA API's cache maintenance orders once it has run (arm64 {@code dcache_*_poc} end in
     * {@code dsb sy}); a streaming call that does no maintenance orders nothing.
     */
    public static final String CACHE_MAINTENANCE = "cache_maintenance";
    /** What {@code readl()}'s {@code __iormb()} after the register load orders among memory accesses. */
    public static final String IO_RMB = "io_rmb";
    /** What {@code writel()}'s {@code __iowmb()} before the register store orders among memory accesses. */
    public static final String IO_WMB = "io_wmb";

    /** The barriers a profile may define (the builtins of the same names, and {@link #CACHE_MAINTENANCE}). */
    public static final java.util.List<String> NAMES = java.util.List.of("mb", "rmb", "wmb", "dma_mb", "dma_rmb",
            "dma_wmb", "smp_mb", "smp_rmb", "smp_wmb", CACHE_MAINTENANCE, IO_RMB, IO_WMB);

    public MemoryOrdering {
        Objects.requireNonNull(storeOrder);
        Objects.requireNonNull(loadOrder);
        Map<String, Set<Pair>> copy = new LinkedHashMap<>();
        // EnumSets: the scheduler asks a barrier's set after every streaming call (a hashed set's
        // lookup hashes the enum constant by identity)
        barriers.forEach((k, v) -> copy.put(k, java.util.Collections.unmodifiableSet(
                v.isEmpty() ? EnumSet.noneOf(Pair.class) : EnumSet.copyOf(v))));
        barriers = Map.copyOf(copy);
    }

    /** What barrier {@code name} orders; a barrier the profile leaves out orders everything (mb()). */
    public Set<Pair> orders(String name) {
        Set<Pair> orders = barriers.get(name); // no default set made per call: every streaming call asks
        return orders != null ? orders : EnumSet.allOf(Pair.class);
    }

    /** x86-TSO (arch/x86/include/asm/barrier.h): only mfence-class barriers order a store before a load. */
    public static MemoryOrdering tso() {
        Set<Pair> all = EnumSet.allOf(Pair.class);
        Set<Pair> none = Set.of();
        Map<String, Set<Pair>> b = new LinkedHashMap<>();
        b.put("mb", all);
        b.put("rmb", EnumSet.of(Pair.RR, Pair.RW));
        b.put("wmb", EnumSet.of(Pair.WW));
        b.put("dma_mb", all);
        b.put("dma_rmb", none);
        b.put("dma_wmb", none);
        b.put("smp_mb", all);
        b.put("smp_rmb", none);
        b.put("smp_wmb", none);
        b.put(CACHE_MAINTENANCE, all);
        // arch/x86/include/asm/io.h: readl/writel are plain mov to UC memory, ordered by TSO itself
        b.put(IO_RMB, EnumSet.of(Pair.RR, Pair.RW));
        b.put(IO_WMB, EnumSet.of(Pair.WW));
        return new MemoryOrdering(StoreOrder.TSO, LoadOrder.IN_ORDER, b);
    }

    /** Parses {@code "rr rw wr ww"} (any order, blank-separated; empty: orders nothing). */
    public static Set<Pair> pairs(String text) {
        Set<Pair> out = EnumSet.noneOf(Pair.class);
        for (String s : text.trim().split("[\\s,]+")) {
            if (!s.isEmpty()) {
                out.add(Pair.valueOf(s.toUpperCase()));
            }
        }
        return out;
    }
}
