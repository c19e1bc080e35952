package org.dmasim.engine.machine;

/**
 * How an arch's IOMMU encodes a mapping's direction in its page tables and how it reports a
 * fault. {@code dma_info_to_prot()} (drivers/iommu/dma-iommu.c) asks for IOMMU_READ for
 * TO_DEVICE, IOMMU_WRITE for FROM_DEVICE and both for BIDIRECTIONAL; what the hardware can hold
 * differs.
 */
public enum IommuKind {
    /**
     * Intel VT-d second-level / AMD-Vi: separate read and write bits (DMA_PTE_READ,
     * DMA_PTE_WRITE), so FROM_DEVICE is write-only; faults print as
     * "DMAR: [DMA Write NO_PASID] Request device [..] fault addr 0x.. [fault reason 0x05] PTE
     * Write access is not set" (drivers/iommu/intel/dmar.c).
     */
    VTD,
    /**
     * Arm SMMU stage 1 (drivers/iommu/io-pgtable-arm.c arm_lpae_prot_to_pte): only a read-only
     * bit (AP_RDONLY), so FROM_DEVICE maps read+write; faults are context faults
     * ("Unhandled context fault: fsr=.., iova=..", drivers/iommu/arm/arm-smmu/arm-smmu.c).
     */
    SMMU,
    /** The RISC-V IOMMU: RISC-V page tables, where W without R is reserved: FROM_DEVICE is read+write. */
    RISCV,
    /**
     * sparc64 sun4u (arch/sparc/kernel/iommu.c dma_4u_map_page): IOPTEs are valid and readable,
     * IOPTE_WRITE unless TO_DEVICE; unmapped entries point at a dummy page instead of being
     * invalid (iopte_make_dummy), so a stale IOVA reads the dummy page without any error;
     * a write to a read-only IOPTE is "IOMMU Error, type[Protection Error]" (psycho_common.c).
     */
    SUN4U,
    /**
     * sparc64 sun4v (arch/sparc/kernel/pci_sun4v.c): the hypervisor maps with
     * HV_PCI_MAP_ATTR_READ, plus HV_PCI_MAP_ATTR_WRITE unless TO_DEVICE; an access to a
     * demapped IOTSB entry or a write to a read-only one comes back as a hypervisor error report.
     */
    SUN4V;

    /** Whether the page tables can hold a write-only entry (FROM_DEVICE without read). */
    public boolean writeOnly() {
        return this == VTD;
    }
}
