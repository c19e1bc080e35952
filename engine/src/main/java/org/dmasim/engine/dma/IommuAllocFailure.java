package org.dmasim.engine.dma;

import java.util.List;
import org.dmasim.engine.Site;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Machine;

/**
 * What the kernel prints when an IOMMU has no room for a mapping's IO pages. sparc64's own DMA ops
 * say so: {@code dma_4u_map_phys} (arch/sparc/kernel/iommu.c) and {@code dma_4v_map_phys}
 * (arch/sparc/kernel/pci_sun4v.c) {@code goto bad} when {@code iommu_tbl_range_alloc} fails, a
 * bare {@code WARN_ON(1)} under {@code printk_ratelimit()}; their map_sg print "iommu_alloc failed,
 * iommu %p paddr %lx npages %lx". drivers/iommu/dma-iommu.c ({@code iommu_dma_alloc_iova} failing
 * in {@code __iommu_dma_map}) returns DMA_MAPPING_ERROR without a word, so VT-d, SMMU and the
 * RISC-V IOMMU report nothing.
 */
final class IommuAllocFailure {
    private IommuAllocFailure() {
    }

    /** A single map ({@code sg} false) or an sg list's entry at {@code paddr} found no IO pages. */
    static void report(Machine m, Device dev, long paddr, long npages, boolean sg, Site site) {
        String file = switch (m.profile().traits().iommu()) {
            case SUN4U -> "arch/sparc/kernel/iommu.c";
            case SUN4V -> "arch/sparc/kernel/pci_sun4v.c";
            case VTD, SMMU, RISCV -> null;
        };
        if (file == null) {
            return;
        }
        String fn = file.endsWith("iommu.c") ? "dma_4u_" : "dma_4v_";
        // %p prints hashed: dmasim names the device's IOMMU instead
        String text = sg ? "iommu_alloc failed, iommu " + dev + "'s paddr " + Long.toHexString(paddr) + " npages "
                + Long.toHexString(npages)
                : "WARNING at " + file + " " + fn + "map_phys: WARN_ON(1): iommu_tbl_range_alloc found no room "
                        + "for " + npages + " IO pages";
        m.log().add(ReportCode.IOMMU_ALLOC_FAILED, dev + ": " + text, site,
                "the IOMMU's table is full under " + dev + "'s mask: unmap what the device no longer uses, or "
                        + "map less at once; the call returns " + (sg ? "0" : "DMA_MAPPING_ERROR"), List.of());
    }
}
