package org.dmasim.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The declarations a generated program starts with: arch, machine and devices, as raw choices.
 * {@code extreme} and {@code wrong} (percentages) say how often its steps use extreme numbers and
 * arguments of the wrong type, so some programs are sane and run deep, others attack.
 */
record Header(int arch, int machine, long ram, long ramBase, long swiotlb, long budget, List<Dev> devices,
        int extreme, int wrong) {

    static final String[] ARCHES = {"x86_64", "arm64", "arm64_legacy", "arc", "riscv64", "sparc64"};
    static final String[] DEVICE_NAMES = {"nic", "gpu", "cam", "disp"};
    static final String[] PRESETS = {"intel_gpu_4g", "mali_panfrost", "vmwgfx", "display_cma", "v4l2_camera",
        "nvme_p2p", "sparc64_fb"};
    static final String[] DRIVERS = {"shmem", "cma", "system_heap", "ttm"};
    /** Budgets small enough that programs reach them (and the heap check means something). */
    static final long[] BUDGETS = {8L << 20, 32L << 20, 128L << 20, 256L << 20};

    /**
     * One device: {@code preset} (an index, or none), {@code mask} bits, {@code coherent} 0 unset /
     * 1 true / 2 false, {@code flags} bits: 1 iommu, 2 p2p, 4 map_wc, 8 swiotlb force, 16 vram_fallback
     * fail, 32 and 64 a pci_switch; {@code driver} an index or none; {@code vram} bytes or 0.
     */
    record Dev(int preset, int mask, int coherent, int flags, int driver, long vram, long offset) {
    }

    String archName() {
        int a = Math.floorMod(arch, 128);
        if (a == 127) {
            return "mips"; // unknown: a script error
        }
        return a < 16 ? null : ARCHES[a % ARCHES.length];
    }

    /** The declaration statements, binding each device in {@code world}. */
    List<Code.S> declarations(World world) {
        List<Code.S> out = new ArrayList<>();
        String archName = archName();
        if (archName != null) {
            out.add(new Code.Arch(archName));
        }
        Map<String, Code.E> m = new LinkedHashMap<>();
        int mv = Math.floorMod(machine, 16);
        if (mv >= 4) {
            m.put("memory_budget", new Code.Int(budget, 2));
        }
        if ((mv & 1) == 1 && mv >= 4) {
            m.put("ram", new Code.Int(ram, 2));
        }
        if ((mv & 2) == 2 && mv >= 4) {
            m.put("swiotlb", new Code.Int(swiotlb, 2));
        }
        if (mv == 15) {
            m.put("ram_base", new Code.Int(ramBase, 1));
        }
        if (!m.isEmpty()) {
            out.add(new Code.Machine(m));
        }
        for (int i = 0; i < devices.size() && i < DEVICE_NAMES.length; i++) {
            Dev d = devices.get(i);
            String name = DEVICE_NAMES[i];
            Map<String, Code.E> p = new LinkedHashMap<>();
            String preset = d.preset() >= 0 && d.preset() < PRESETS.length ? PRESETS[d.preset()]
                    : d.preset() == 99 ? "no_such_preset" : null;
            if (preset == null || d.mask() % 3 == 0) {
                p.put("dma_mask", new Code.Int(d.mask(), 0));
            }
            if (d.coherent() > 0) {
                p.put("coherent", new Code.Bool(d.coherent() == 1));
            }
            if ((d.flags() & 1) != 0) {
                p.put("iommu", new Code.Bool(true));
            }
            if ((d.flags() & 2) != 0) {
                p.put("p2p", new Code.Bool(true));
            }
            if ((d.flags() & 4) != 0) {
                p.put("map_wc", new Code.Bool(true));
            }
            if ((d.flags() & 8) != 0) {
                p.put("swiotlb", new Code.Name("force"));
            }
            if ((d.flags() & 16) != 0) {
                p.put("vram_fallback", new Code.Name("fail"));
            }
            if ((d.flags() & 96) != 0) {
                p.put("pci_switch", new Code.Text((d.flags() & 32) != 0 ? "sw0" : "sw1"));
            }
            if (d.driver() >= 0 && d.driver() < DRIVERS.length) {
                p.put("driver", new Code.Name(DRIVERS[d.driver()]));
            }
            if (d.vram() != 0) {
                p.put("vram", new Code.Int(d.vram(), 2));
            }
            if (d.offset() != 0) {
                p.put("dma_offset", new Code.Int(d.offset(), 1));
            }
            out.add(new Code.Device(name, preset, p));
            boolean vram = d.vram() != 0 || "nvme_p2p".equals(preset) || "sparc64_fb".equals(preset);
            world.add(new World.Obj(name, World.Type.DEVICE, d.vram(), name, 0, null, vram));
        }
        return out;
    }
}
