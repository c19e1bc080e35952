package org.dmasim.interpreter.eval;

import java.util.List;
import java.util.Map;
import org.dmasim.engine.machine.DeviceConfig;
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
                fallback, pciSwitch);
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
