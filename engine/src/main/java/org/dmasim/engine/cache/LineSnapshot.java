package org.dmasim.engine.cache;

import java.util.ArrayList;
import java.util.List;

/**
 * A read-only picture of one cache line: every configuration it could be in, with the bytes of
 * the whole line in the cache (null when Invalid) and in DRAM. For tools that look inside (the
 * REPL's {@code :cache}); taking it changes nothing.
 *
 * @param phys the physical address of the line's first byte
 */
public record LineSnapshot(long phys, List<Config> configs) {
    /** One configuration: {@code state} is {@code Invalid}, {@code Clean} or {@code Dirty}. */
    public record Config(String state, byte[] cache, String cacheWitness, byte[] memory, String memoryWitness) {
        /** What a CPU read through the cache returns in this configuration. */
        public byte[] cpuVisible() {
            return cache == null ? memory : cache;
        }
    }

    public LineSnapshot {
        configs = List.copyOf(configs);
    }

    /** The lines covering {@code [phys, phys+length)} of {@code domain}. */
    static List<LineSnapshot> of(CacheDomain domain, long phys, long length) {
        List<LineSnapshot> out = new ArrayList<>();
        int line = domain.lineSize();
        for (long l = phys / line; l * line < phys + length; l++) {
            List<Config> configs = new ArrayList<>();
            for (LineConfig c : domain.lineConfigs(l * line).configs()) {
                String state = switch (c.state()) {
                    case INVALID -> "Invalid";
                    case CLEAN -> "Clean";
                    case DIRTY -> "Dirty";
                };
                configs.add(new Config(state, c.cache() == null ? null : c.cache().bytes.clone(),
                        c.cache() == null ? null : c.cache().describeWitness(), c.memory().bytes.clone(),
                        c.memory().describeWitness()));
            }
            out.add(new LineSnapshot(l * line, configs));
        }
        return out;
    }
}
