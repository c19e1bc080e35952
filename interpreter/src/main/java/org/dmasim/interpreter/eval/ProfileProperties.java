package org.dmasim.interpreter.eval;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.ArchTraits;
import org.dmasim.engine.machine.IommuKind;
import org.dmasim.engine.machine.KernelImagePlacement;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.machine.Maintenance;
import org.dmasim.engine.machine.MemoryOrdering;
import org.dmasim.interpreter.ast.Field;
import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.ast.Statement;
import org.dmasim.interpreter.lang.Properties;

/** The fields of a {@code profile} declaration ({@link Properties#profile()}), turned into an {@link ArchProfile}. */
final class ProfileProperties {
    static final List<String> NAMES = Properties.names(Properties.profile());
    private static final List<String> REQUIRED = List.of("for_device", "for_cpu");

    private ProfileProperties() {
    }

    static ArchProfile profile(Statement.ProfileDecl d, Map<String, Value> p, Evaluator ev) {
        for (String r : REQUIRED) {
            if (!p.containsKey(r)) {
                throw ev.error("profile " + d.name() + " needs '" + r + "'", d.span(),
                        r + ": { DMA_TO_DEVICE: clean, DMA_FROM_DEVICE: clean, DMA_BIDIRECTIONAL: clean }");
            }
        }
        try {
            return new ArchProfile(d.name(),
                    (int) integer(p, "cache_line", 64, d, ev),
                    (int) integer(p, "page_size", 4096, d, ev),
                    integer(p, "zone_dma_limit", 16L << 20, d, ev),
                    bool(p, "coherent_default", false, d, ev),
                    bool(p, "speculative_prefetch", true, d, ev),
                    table(p, "for_device", d, ev),
                    table(p, "for_cpu", d, ev),
                    p.containsKey("prep_coherent") ? maintenance(p.get("prep_coherent"), at(d, "prep_coherent"), ev)
                            : Maintenance.NONE,
                    p.containsKey("inval_edges") ? maintenance(p.get("inval_edges"), at(d, "inval_edges"), ev)
                            : Maintenance.INVALIDATE,
                    bool(p, "bounce_unaligned_kmalloc", false, d, ev),
                    choice(p, "iomem_plain_access", List.of("allowed", "trap"), "allowed", d, ev).equals("trap"),
                    choice(p, "attr_alias", List.of("warn", "error"), "warn", d, ev).equals("error"),
                    bool(p, "iommu_default", false, d, ev),
                    traits(d, p, ev),
                    ordering(d, p, ev));
        } catch (IllegalArgumentException e) {
            throw ev.error("profile " + d.name() + ": " + e.getMessage(), d.span(), null);
        }
    }

    /** The traits beyond the tables; what the profile leaves out comes from its cache line and coherence. */
    private static ArchTraits traits(Statement.ProfileDecl d, Map<String, Value> p, Evaluator ev) {
        ArchTraits def = ArchTraits.defaults((int) integer(p, "cache_line", 64, d, ev),
                bool(p, "coherent_default", false, d, ev));
        String kinds = "vtd, smmu, riscv, sun4u, sun4v";
        String iommu = choice(p, "iommu", List.of(kinds.split(", ")), def.iommu().name().toLowerCase(), d, ev);
        return new ArchTraits((int) integer(p, "arch_dma_minalign", def.archDmaMinalign(), d, ev),
                (int) integer(p, "dma_cache_alignment", def.dmaCacheAlignment(), d, ev),
                IommuKind.valueOf(iommu.toUpperCase()),
                bool(p, "streaming_cache", def.streamingCache(), d, ev),
                bool(p, "swiotlb_below_zone_dma", def.swiotlbBelowZoneDma(), d, ev),
                bool(p, "vmap_stack", def.vmapStack(), d, ev),
                KernelImagePlacement.valueOf(choice(p, "kernel_image",
                        List.of("linear", "vmalloc", "separate", "separate_no_pa"),
                        def.kernelImage().name().toLowerCase(), d, ev).toUpperCase()));
    }

    /** {@code store_order}, {@code load_order} and {@code barriers}; what a profile leaves out is x86's. */
    private static MemoryOrdering ordering(Statement.ProfileDecl d, Map<String, Value> p, Evaluator ev) {
        MemoryOrdering tso = MemoryOrdering.tso();
        String stores = choice(p, "store_order", List.of("tso", "relaxed"), "tso", d, ev);
        String loads = choice(p, "load_order", List.of("in_order", "relaxed"), "in_order", d, ev);
        Map<String, java.util.Set<MemoryOrdering.Pair>> barriers = new java.util.LinkedHashMap<>(tso.barriers());
        if (p.containsKey("barriers")) {
            if (!(p.get("barriers") instanceof Value.RecordValue r)) {
                throw ev.error("barriers is a table { dma_rmb: \"rr rw\", ... }", at(d, "barriers"), null);
            }
            for (var e : r.fields().entrySet()) {
                if (!MemoryOrdering.NAMES.contains(e.getKey())) {
                    throw ev.error("barriers: '" + e.getKey() + "' is not a barrier", at(d, "barriers"),
                            "the barriers are " + String.join(", ", MemoryOrdering.NAMES));
                }
                try {
                    barriers.put(e.getKey(), MemoryOrdering.pairs(e.getValue() instanceof Value.Str str ? str.value()
                            : "?"));
                } catch (IllegalArgumentException ex) {
                    throw ev.error("barriers: " + e.getKey() + " takes a string of rr, rw, wr, ww", at(d, "barriers"),
                            "write: " + e.getKey() + ": \"rr rw\"");
                }
            }
        }
        return new MemoryOrdering(MemoryOrdering.StoreOrder.valueOf(stores.toUpperCase()),
                MemoryOrdering.LoadOrder.valueOf(loads.toUpperCase()), barriers);
    }

    private static Span at(Statement.ProfileDecl d, String key) {
        return d.fields().stream().filter(f -> f.key().equals(key)).map(Field::span).findFirst().orElse(d.span());
    }

    private static Map<Direction, Maintenance> table(Map<String, Value> p, String key, Statement.ProfileDecl d,
            Evaluator ev) {
        if (!(p.get(key) instanceof Value.RecordValue r)) {
            throw ev.error(key + " is a table { DMA_TO_DEVICE: ..., DMA_FROM_DEVICE: ..., DMA_BIDIRECTIONAL: ... }",
                    at(d, key), null);
        }
        Map<Direction, Maintenance> out = new EnumMap<>(Direction.class);
        for (var e : r.fields().entrySet()) {
            Direction dir;
            try {
                dir = Direction.valueOf(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw ev.error(key + ": '" + e.getKey() + "' is not a direction", at(d, key),
                        "use DMA_TO_DEVICE, DMA_FROM_DEVICE, DMA_BIDIRECTIONAL");
            }
            out.put(dir, maintenance(e.getValue(), at(d, key), ev));
        }
        return out;
    }

    /** {@code none}, {@code clean} (alias {@code wback}), {@code invalidate} ({@code inv}), {@code clean_invalidate} ({@code wback_inv}). */
    private static Maintenance maintenance(Value v, Span at, Evaluator ev) {
        String s = v instanceof Value.Str str ? str.value() : "";
        return switch (s) {
            case "none" -> Maintenance.NONE;
            case "clean", "wback" -> Maintenance.CLEAN;
            case "invalidate", "inv" -> Maintenance.INVALIDATE;
            case "clean_invalidate", "wback_inv", "flush" -> Maintenance.CLEAN_INVALIDATE;
            default -> throw ev.error("'" + (s.isEmpty() ? v.typeName() : s) + "' is not a cache maintenance", at,
                    "use none, clean, invalidate or clean_invalidate");
        };
    }

    private static long integer(Map<String, Value> p, String key, long fallback, Statement.ProfileDecl d,
            Evaluator ev) {
        Value v = p.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Value.Int i) {
            return i.value();
        }
        throw ev.error(key + " must be an integer", at(d, key), null);
    }

    private static boolean bool(Map<String, Value> p, String key, boolean fallback, Statement.ProfileDecl d,
            Evaluator ev) {
        Value v = p.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Value.Bool b) {
            return b.value();
        }
        throw ev.error(key + " must be true or false", at(d, key), null);
    }

    private static String choice(Map<String, Value> p, String key, List<String> allowed, String fallback,
            Statement.ProfileDecl d, Evaluator ev) {
        Value v = p.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Value.Str s && allowed.contains(s.value())) {
            return s.value();
        }
        throw ev.error(key + " is one of " + String.join(", ", allowed), at(d, key), null);
    }
}
