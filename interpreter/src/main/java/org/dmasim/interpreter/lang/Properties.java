package org.dmasim.interpreter.lang;

import java.util.List;
import java.util.Optional;

/** Every property of the {@code device}, {@code machine} and {@code profile} blocks, declared once. */
public final class Properties {
    private static final List<String> MAINTENANCE = List.of("none", "clean", "invalidate", "clean_invalidate");

    private static final List<Property> DEVICE = List.of(
            p("device", "dma_mask", PropertyType.BITS, "32",
                    "the streaming DMA mask, in bits: DMA_BIT_MASK(dma_mask) (dma_set_mask can change it later)"),
            p("device", "coherent_dma_mask", PropertyType.BITS, "dma_mask",
                    "the mask for coherent allocations (dma_alloc_coherent), in bits"),
            p("device", "coherent", PropertyType.BOOL, "the arch profile's coherent_default",
                    "the device snoops the CPU caches (the devicetree's dma-coherent); a non-coherent device needs "
                            + "cache maintenance, which the DMA API does per the arch profile"),
            p("device", "iommu", PropertyType.BOOL, "false (true for every device on sparc64)",
                    "the device is translated by an IOMMU domain: IOVAs, per-page read/write permissions, no bounce "
                            + "for reach"),
            p("device", "dma_offset", PropertyType.INT, "0",
                    "bus address = physical address - dma_offset (the devicetree's dma-ranges)"),
            sym("device", "swiotlb", List.of("force", "off"), "off",
                    "force: every streaming mapping bounces through swiotlb (swiotlb=force, a confidential-computing "
                            + "guest)"),
            p("device", "p2p", PropertyType.BOOL, "false",
                    "the device may reach other devices' BARs (PCI peer-to-peer) when both sit under one pci_switch"),
            p("device", "vram", PropertyType.INT, "0",
                    "bytes of device-local memory behind a BAR (I/O memory, never cached): dev.bar, vram_alloc(dev, size)"),
            sym("device", "driver", List.of("shmem", "cma", "system_heap", "ttm"), "by the exported buffer's kind",
                    "how its driver exports dma-bufs: the DRM GEM shmem helpers, the GEM DMA (CMA) helpers, the "
                            + "system heap, or TTM with VRAM"),
            p("device", "map_wc", PropertyType.BOOL, "false",
                    "a shmem exporter maps write-combined (vgem and many GPU drivers)"),
            sym("device", "vram_fallback", List.of("migrate", "fail"), "migrate",
                    "what a ttm exporter does for an importer that cannot reach VRAM: migrate the buffer to system "
                            + "pages, or fail with -EOPNOTSUPP"),
            p("device", "pci_switch", PropertyType.NAME, "none",
                    "the PCIe switch the device sits under; peers under one switch reach each other's BARs directly"),
            p("device", "max_segment_size", PropertyType.INT, "64KiB",
                    "dma_set_max_seg_size: the longest sg segment the device takes (dma-debug's check_sg_segment, "
                            + "IOMMU merging)"),
            p("device", "segment_boundary_mask", PropertyType.INT, "0xffff_ffff",
                    "dma_set_seg_boundary: no segment (nor swiotlb slot run) may cross a multiple of mask + 1"),
            p("device", "min_align_mask", PropertyType.INT, "0",
                    "dma_set_min_align_mask: low address bits swiotlb keeps in the bounce slot (NVMe: 4KiB - 1)"),
            p("device", "bus_dma_limit", PropertyType.INT, "0 (none)",
                    "the bus's own addressing limit (dev->bus_dma_limit): reach is min_not_zero(mask, limit)"),
            p("device", "dma_ranges", PropertyType.INT, "none",
                    "[[cpu_start, dma_start, size], ...]: the devicetree's dma-ranges regions (dev->dma_range_map); "
                            + "memory outside them is not reachable"));

    private static final List<Property> MACHINE = List.of(
            p("machine", "ram", PropertyType.INT, "8GiB", "bytes of RAM (backed lazily: untouched pages cost nothing)"),
            p("machine", "ram_base", PropertyType.INT, "0", "the physical address where RAM starts"),
            p("machine", "swiotlb", PropertyType.INT, "64MiB",
                    "bytes of the swiotlb bounce pool, placed below 4 GiB; 0 means no pool"),
            p("machine", "memory_budget", PropertyType.INT, "2GiB",
                    "the real bytes the emulator may use to back touched memory; going over is a script error"),
            p("machine", "zone_dma", PropertyType.INT, "the profile's zone_dma_limit",
                    "where the firmware ends ZONE_DMA (arm64 dma_limits_init: at most 4 GiB; a Raspberry Pi 4 says "
                            + "1GiB)"),
            p("machine", "cpus", PropertyType.INT, "4", "CPUs: swiotlb makes one area per CPU"),
            p("machine", "noncoherent_cache_ops", PropertyType.BOOL, "true",
                    "riscv64: false for a platform without Zicbom or vendor cache operations "
                            + "(dma_get_cache_alignment() is then 1)"));

    private static final List<Property> PROFILE = List.of(
            p("profile", "cache_line", PropertyType.INT, "64", "bytes per CPU cache line"),
            p("profile", "page_size", PropertyType.INT, "4KiB", "bytes per page"),
            p("profile", "zone_dma_limit", PropertyType.INT, "16MiB", "the end of ZONE_DMA (GFP_DMA allocations)"),
            p("profile", "coherent_default", PropertyType.BOOL, "false",
                    "devices snoop the CPU caches unless they say coherent: false"),
            p("profile", "speculative_prefetch", PropertyType.BOOL, "true",
                    "the CPU may fill any line a cacheable mapping covers, at any time (the linear map covers all RAM)"),
            p("profile", "for_device", PropertyType.TABLE, "(required)",
                    "arch_sync_dma_for_device: the maintenance per direction when a buffer goes to the device"),
            p("profile", "for_cpu", PropertyType.TABLE, "(required)",
                    "arch_sync_dma_for_cpu: the maintenance per direction when a buffer comes back to the CPU"),
            sym("profile", "prep_coherent", MAINTENANCE, "none",
                    "arch_dma_prep_coherent: the maintenance of a new coherent allocation's linear alias"),
            sym("profile", "inval_edges", MAINTENANCE, "invalidate",
                    "what an invalidate does to the partial lines at the edges of a range (arm64 cleans them first)"),
            p("profile", "bounce_unaligned_kmalloc", PropertyType.BOOL, "false",
                    "small kmalloc buffers mapped for a non-coherent device bounce through swiotlb (arm64's "
                            + "dma_kmalloc_needs_bounce)"),
            sym("profile", "iomem_plain_access", List.of("allowed", "trap"), "allowed",
                    "a plain CPU access to I/O memory works, or traps (sparc64)"),
            sym("profile", "attr_alias", List.of("warn", "error"), "warn",
                    "a page mapped cacheable and uncached at once is a warning, or an error (x86 PAT)"),
            p("profile", "iommu_default", PropertyType.BOOL, "false", "every device sits behind an IOMMU (sparc64)"),
            p("profile", "arch_dma_minalign", PropertyType.INT, "2 x cache_line (0 on a coherent arch)",
                    "ARCH_DMA_MINALIGN: the kmalloc alignment that keeps DMA buffers off shared cache lines"),
            p("profile", "dma_cache_alignment", PropertyType.INT, "cache_line (1 on a coherent arch)",
                    "what dma_get_cache_alignment() returns at run time"),
            sym("profile", "iommu", List.of("vtd", "smmu", "riscv", "sun4u", "sun4v"), "vtd",
                    "the IOMMU kind: its page permissions (only VT-d/AMD-Vi have write-only pages) and fault text"),
            p("profile", "streaming_cache", PropertyType.BOOL, "false",
                    "sun4u: the IOMMU's streaming buffer holds device writes until strbuf_flush"),
            p("profile", "swiotlb_below_zone_dma", PropertyType.BOOL, "false",
                    "the swiotlb pool comes from below ZONE_DMA's end (arm64 memblock_alloc_low)"),
            p("profile", "vmap_stack", PropertyType.BOOL, "true",
                    "CONFIG_VMAP_STACK: task stacks are vmalloc memory (x86_64, arm64, riscv64), not linear-map "
                            + "pages (arc, sparc64)"),
            sym("profile", "kernel_image", List.of("linear", "vmalloc", "separate", "separate_no_pa"), "separate",
                    "where the kernel image is mapped: in the linear map (arc), inside the vmalloc range (arm64), "
                            + "its own mapping __pa() translates (x86_64, riscv64) or does not (sparc64)"),
            sym("profile", "store_order", List.of("tso", "relaxed"), "tso",
                    "tso: the CPU's stores reach memory in program order (x86, sparc64); relaxed: stores to different "
                            + "locations drain in any order unless a barrier orders them (arm64, riscv64, arc)"),
            sym("profile", "load_order", List.of("in_order", "relaxed"), "in_order",
                    "relaxed: a load may be satisfied earlier than its place in the program (back to the last "
                            + "barrier that orders it) or later (after a later store is performed)"),
            p("profile", "barriers", PropertyType.ORDERS, "x86's",
                    "per barrier (mb, rmb, wmb, dma_mb, dma_rmb, dma_wmb, smp_mb, smp_rmb, smp_wmb) the pairs it "
                            + "orders against a device: rr, rw, wr, ww (an earlier load or store, a later one)"));

    private Properties() {
    }

    private static Property p(String owner, String name, PropertyType type, String defaultText, String doc) {
        return new Property(owner, name, type, List.of(), defaultText, doc);
    }

    private static Property sym(String owner, String name, List<String> symbols, String defaultText, String doc) {
        return new Property(owner, name, PropertyType.SYMBOL, symbols, defaultText, doc);
    }

    public static List<Property> device() {
        return DEVICE;
    }

    public static List<Property> machine() {
        return MACHINE;
    }

    public static List<Property> profile() {
        return PROFILE;
    }

    /** The names of a block's properties, in order. */
    public static List<String> names(List<Property> block) {
        return block.stream().map(Property::name).toList();
    }

    /** A property of a block by name. */
    public static Optional<Property> find(List<Property> block, String name) {
        return block.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
