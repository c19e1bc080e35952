package org.dmasim.engine.machine;

/**
 * Where an arch maps the kernel image (its text and rodata), which decides what dma-debug's
 * {@code check_for_illegal_area} and {@code dma_map_single_attrs} can see of a buffer in it.
 * {@code debug_dma_map_phys} checks {@code phys_to_virt(phys)}, the linear-map alias, against
 * {@code _stext.._etext} and {@code __start_rodata..__end_rodata} (kernel/dma/debug.c), so the
 * check fires only where the image runs from the linear map.
 */
public enum KernelImagePlacement {
    /**
     * The image is in the linear map (arc: arch/arc/include/asm/page.h "link-addr = physical
     * address", {@code __pa(vaddr) = vaddr}): {@code dma_map_single} maps it and dma-debug reports
     * "device driver maps memory from kernel text or rodata".
     */
    LINEAR,
    /**
     * The image lies inside the vmalloc range (arm64: {@code KIMAGE_VADDR} is {@code MODULES_END},
     * {@code VMALLOC_START} is {@code MODULES_END}, arch/arm64/include/asm/memory.h and pgtable.h):
     * {@code dma_map_single} rejects it as vmalloc memory; a page of it mapped with
     * {@code dma_map_page} maps, and dma-debug, looking at the linear alias, says nothing.
     */
    VMALLOC,
    /**
     * The image has its own mapping that {@code __pa} and {@code virt_addr_valid} translate
     * (x86_64: {@code __START_KERNEL_map}, arch/x86/mm/physaddr.c {@code __virt_addr_valid};
     * riscv64: {@code kernel_mapping_va_to_pa}, arch/riscv/include/asm/page.h): every map
     * succeeds and dma-debug, looking at the linear alias, says nothing.
     */
    SEPARATE,
    /**
     * The image has its own mapping that {@code __pa} does not translate (sparc64: text at
     * {@code TEXTSTART} 0x404000, arch/sparc/kernel/vmlinux.lds.S; {@code __pa(x) = x - PAGE_OFFSET}
     * and {@code virt_addr_valid(kaddr) = pfn_valid(__pa(kaddr) >> PAGE_SHIFT)},
     * arch/sparc/include/asm/page_64.h): {@code debug_dma_map_single} reports "device driver
     * maps memory from invalid area".
     */
    SEPARATE_NO_PA
}
