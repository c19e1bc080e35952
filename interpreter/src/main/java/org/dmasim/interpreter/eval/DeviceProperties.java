package org.dmasim.interpreter.eval;

import java.util.List;
import java.util.Map;
import org.dmasim.engine.Units;
import org.dmasim.engine.machine.BusRegion;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.DmaParms;
import org.dmasim.interpreter.ast.Field;
import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.ast.Statement;
import org.dmasim.interpreter.lang.Properties;

/** The device properties ({@link Properties#device()}), checked and turned into a {@link DeviceConfig}. */
final class DeviceProperties {
    static final List<String> NAMES = Properties.names(Properties.device());
    private static final List<String> DRIVERS = symbols("driver");

    private DeviceProperties() {
    }

    static DeviceConfig config(String name, Map<String, Value> p, Statement.DeviceDecl d, Evaluator ev) {
        int mask = bits(p, "dma_mask", 32, d, ev);
        int coherentMask = bits(p, "coherent_dma_mask", mask, d, ev);
        Boolean coherent = p.containsKey("coherent") ? bool(p, "coherent", d, ev) : null;
        String swiotlb = p.containsKey("swiotlb") ? symbol(p, "swiotlb", symbols("swiotlb"), d, ev) : "off";
        String driver = p.containsKey("driver") ? symbol(p, "driver", DRIVERS, d, ev) : null;
        String fallback = p.containsKey("vram_fallback")
                ? symbol(p, "vram_fallback", symbols("vram_fallback"), d, ev) : "migrate";
        String pciSwitch = p.containsKey("pci_switch") ? string(p, "pci_switch", d, ev) : null;
        return new DeviceConfig(name, mask, coherentMask, coherent,
                p.containsKey("iommu") && bool(p, "iommu", d, ev),
                p.containsKey("dma_offset") ? integer(p, "dma_offset", d, ev) : 0,
                swiotlb.equals("force"),
                p.containsKey("p2p") && bool(p, "p2p", d, ev),
                p.containsKey("vram") ? integer(p, "vram", d, ev) : 0,
                driver,
                p.containsKey("map_wc") && bool(p, "map_wc", d, ev),
                fallback, pciSwitch, parms(p, d, ev));
    }

    /** {@code struct device_dma_parameters} and {@code bus_dma_limit}, at the kernel's defaults unless given. */
    private static DmaParms parms(Map<String, Value> p, Statement.DeviceDecl d, Evaluator ev) {
        DmaParms def = DmaParms.defaults();
        long maxSeg = p.containsKey("max_segment_size") ? integer(p, "max_segment_size", d, ev) : def.maxSegmentSize();
        if (maxSeg < 1 || maxSeg > 0xffff_ffffL) {
            throw ev.error("max_segment_size is an unsigned int, 1..0xffff_ffff, not " + Long.toUnsignedString(maxSeg),
                    at(d, "max_segment_size"), "drivers that take any length set it to UINT_MAX: "
                            + "max_segment_size: 0xffff_ffff");
        }
        long boundary = p.containsKey("segment_boundary_mask") ? mask(p, "segment_boundary_mask", d, ev)
                : def.segmentBoundary();
        long minAlign = p.containsKey("min_align_mask") ? mask(p, "min_align_mask", d, ev) : def.minAlignMask();
        long busLimit = p.containsKey("bus_dma_limit") ? integer(p, "bus_dma_limit", d, ev) : def.busDmaLimit();
        List<BusRegion> ranges = p.containsKey("dma_ranges") ? ranges(p, d, ev) : List.of();
        if (!ranges.isEmpty() && p.containsKey("dma_offset")) {
            throw ev.error("give dma_ranges or dma_offset, not both", at(d, "dma_ranges"),
                    "dma_offset: X is dma_ranges: [[X, 0, size]]");
        }
        return new DmaParms(maxSeg, boundary, minAlign, busLimit, ranges);
    }

    /** {@code dma_ranges: [[cpu_start, dma_start, size], ...]}, as the device tree's dma-ranges property. */
    private static List<BusRegion> ranges(Map<String, Value> p, Statement.DeviceDecl d, Evaluator ev) {
        String help = "dma_ranges: [[0x8000_0000, 0, 1GiB]] puts CPU 2GiB..3GiB at bus address 0";
        if (!(p.get("dma_ranges") instanceof Value.ListValue list) || list.items().isEmpty()) {
            throw ev.error("dma_ranges is a list of [cpu_start, dma_start, size] regions", at(d, "dma_ranges"), help);
        }
        List<BusRegion> out = new java.util.ArrayList<>();
        for (Value v : list.items()) {
            if (!(v instanceof Value.ListValue r) || r.items().size() != 3
                    || !r.items().stream().allMatch(x -> x instanceof Value.Int)) {
                throw ev.error("each dma_ranges region is [cpu_start, dma_start, size], not " + v.typeName(),
                        at(d, "dma_ranges"), help);
            }
            long size = ((Value.Int) r.items().get(2)).value();
            if (size <= 0) {
                throw ev.error("a dma_ranges region needs a size", at(d, "dma_ranges"), help);
            }
            out.add(new BusRegion(((Value.Int) r.items().get(0)).value(), ((Value.Int) r.items().get(1)).value(),
                    size));
        }
        return out;
    }

    /** A mask of low bits, 2^n - 1, as dma_set_seg_boundary and dma_set_min_align_mask take it. */
    private static long mask(Map<String, Value> p, String key, Statement.DeviceDecl d, Evaluator ev) {
        long v = integer(p, key, d, ev);
        if ((v & (v + 1)) != 0) {
            throw ev.error(key + " is a mask of low bits (2^n - 1), not " + Units.hex(v), at(d, key),
                    "e.g. " + key + ": 0xfff for 4KiB - 1");
        }
        return v;
    }

    private static List<String> symbols(String property) {
        return Properties.find(Properties.device(), property).orElseThrow().symbols();
    }

    private static Span at(Statement.DeviceDecl d, String key) {
        return d.fields().stream().filter(f -> f.key().equals(key)).map(Field::span).findFirst().orElse(d.span());
    }

    private static int bits(Map<String, Value> p, String key, int fallback, Statement.DeviceDecl d, Evaluator ev) {
        if (!p.containsKey(key)) {
            return fallback;
        }
        long v = integer(p, key, d, ev);
        if (v < 1 || v > 64) {
            throw ev.error(key + " is a number of bits, 1..64, not " + Long.toUnsignedString(v), at(d, key),
                    "dma_mask: 32 means DMA_BIT_MASK(32)");
        }
        return (int) v;
    }

    private static long integer(Map<String, Value> p, String key, Statement.DeviceDecl d, Evaluator ev) {
        if (p.get(key) instanceof Value.Int i) {
            return i.value();
        }
        throw ev.error(key + " must be an integer, not " + p.get(key).typeName(), at(d, key), null);
    }

    private static boolean bool(Map<String, Value> p, String key, Statement.DeviceDecl d, Evaluator ev) {
        if (p.get(key) instanceof Value.Bool b) {
            return b.value();
        }
        throw ev.error(key + " must be true or false, not " + p.get(key).typeName(), at(d, key), null);
    }

    private static String string(Map<String, Value> p, String key, Statement.DeviceDecl d, Evaluator ev) {
        if (p.get(key) instanceof Value.Str s) {
            return s.value();
        }
        throw ev.error(key + " must be a name or a string, not " + p.get(key).typeName(), at(d, key), null);
    }

    private static String symbol(Map<String, Value> p, String key, List<String> allowed, Statement.DeviceDecl d,
            Evaluator ev) {
        String v = string(p, key, d, ev);
        if (!allowed.contains(v)) {
            throw ev.error(key + " is one of " + String.join(", ", allowed) + ", not '" + v + "'", at(d, key), null);
        }
        return v;
    }
}
