package org.dmasim.engine.dma;

import org.dmasim.engine.Site;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.KernelImagePlacement;
import org.dmasim.engine.machine.Machine;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.RodataBuffer;
import org.dmasim.engine.memory.StackBuffer;
import org.dmasim.engine.memory.VmallocBuffer;

/**
 * What the DMA API sees of stack and kernel-image memory (kernel/dma/debug.c check_for_stack,
 * check_for_illegal_area; include/linux/dma-mapping.h is_vmalloc_addr), per the profile's
 * {@code vmap_stack} and {@code kernel_image}.
 */
final class KernelMemoryChecks {
    private final Machine m;

    KernelMemoryChecks(Machine machine) {
        this.m = machine;
    }

    /** {@code is_vmalloc_addr()} of the view's kernel address. */
    boolean isVmallocAddr(CpuView view) {
        return view instanceof VmallocBuffer || view instanceof StackBuffer s && s.vmapped()
                || view instanceof RodataBuffer && m.profile().traits().kernelImage() == KernelImagePlacement.VMALLOC;
    }

    static String vmallocHelp(Device dev, CpuView view) {
        return switch (view) {
            case StackBuffer s -> "never DMA to or from the stack (with CONFIG_VMAP_STACK it is vmalloc memory): "
                    + "kmalloc the buffer";
            case RodataBuffer r -> "the kernel image lies in the vmalloc range here: copy the constant data into "
                    + "a kmalloc'ed buffer and map that";
            default -> "map vmalloc memory page by page (dma_map_page) or through an sg table: dma_map_sgtable("
                    + dev + ", sg_table(" + view.label() + "), dir)";
        };
    }

    /**
     * The checks {@code debug_dma_map_phys} and {@code debug_dma_map_sg} make of a successful map's
     * CPU range (kernel/dma/debug.c), before the entry is added: {@code check_for_stack} (a page of
     * the current task's stack: "[probable addr=%p]" for a vmalloc'ed stack, found among
     * {@code stack_vm_area->pages}, else "[addr=%p]" by {@code object_is_on_stack}) and
     * {@code check_for_illegal_area} ({@code phys_to_virt(phys)} within {@code _stext.._etext} or
     * rodata: only where the kernel image runs from the linear map). The kernel prints {@code %p}
     * hashed; dmasim names the buffer instead.
     */
    void check(Device dev, CpuView view, long offset, long size, Site site) {
        if (view instanceof StackBuffer s) {
            m.debug().report(ReportCode.DMA_MAP_STACK, dev, "device driver maps memory from stack ["
                    + (s.vmapped() ? "probable addr=" : "addr=") + "stack+0x" + Long.toHexString(s.stackOffset(offset))
                    + "]", site, "DMA memory must not live on the stack: kmalloc the buffer (or embed it in a "
                            + "kmalloc'ed structure, aligned to dma_get_cache_alignment())");
        } else if (view instanceof RodataBuffer
                && m.profile().traits().kernelImage() == KernelImagePlacement.LINEAR) {
            m.debug().report(ReportCode.DMA_MAP_KERNEL_TEXT, dev, "device driver maps memory from kernel text or "
                    + "rodata [addr=" + at(view, offset) + "] [len=" + size + "]", site,
                    "copy the constant data into a kmalloc'ed buffer and map that: a device may write what a "
                            + "mapping lets it, read-only pages included");
        }
    }

    static String at(CpuView view, long offset) {
        return view.label() + (offset == 0 ? "" : "+0x" + Long.toHexString(offset));
    }
}
