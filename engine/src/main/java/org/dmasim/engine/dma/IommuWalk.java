package org.dmasim.engine.dma;

import java.util.List;
import org.dmasim.engine.Site;
import org.dmasim.engine.Units;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.IommuKind;
import org.dmasim.engine.machine.Machine;

/**
 * A device access walking its IOMMU domain's page table, page by page: a missing entry or a
 * missing permission is IOMMU_FAULT, printed as the arch's IOMMU prints it, and the access does
 * not happen; on sun4u an unmapped page still points at the dummy page, which the access reaches
 * without any error.
 */
final class IommuWalk {
    /** The access faulted and did not happen. */
    static final long FAULT = -1;
    /** sun4u: the access went to the IOMMU's dummy page. */
    static final long DUMMY = -2;

    private IommuWalk() {
    }

    /** The physical address of {@code handle + offset}, or {@link #FAULT} / {@link #DUMMY}. */
    static long translate(Machine m, Device dev, DmaHandle handle, long offset, long length, boolean write,
            String what, Site site) {
        IommuDomain domain = m.domain(dev);
        long iova = handle.dmaAddress() + offset;
        int ps = m.profile().pageSize();
        int walked = 0;
        for (long a = iova; Long.compareUnsigned(a, iova + length) < 0; a = (a / ps + 1) * ps) {
            if ((++walked & 255) == 0) {
                m.pulse().beat();
            }
            IommuDomain.Pte pte = domain.lookup(a);
            boolean denied = pte != null && (write ? !pte.write() : !pte.read());
            if (pte != null && pte.dummy() && !denied) {
                m.log().add(ReportCode.USE_AFTER_FREE, dev + (write ? " writes" : " reads") + " IOVA " + Units.hex(a)
                        + " (" + what + ") after it was unmapped: the sun4u IOPTE still points at the IOMMU's dummy "
                        + "page (iopte_make_dummy), so the " + (write ? "write lands" : "read comes") + " there and "
                        + "the hardware raises no error", site, "keep the mapping until " + dev + " has finished, "
                        + "and use the address the map call returned", List.of());
                return DUMMY;
            }
            if (pte == null || denied) {
                m.log().add(ReportCode.IOMMU_FAULT, dev + ": " + faultText(domain.kind(), dev, a, write, pte == null)
                        + " (" + what + ")", site,
                        pte == null ? "the IOVA is not mapped: keep the mapping until " + dev + " has finished, "
                                + "and use the address the map call returned"
                                : "map it " + (write ? "DMA_FROM_DEVICE" : "DMA_TO_DEVICE")
                                        + " or DMA_BIDIRECTIONAL: the IOMMU enforces the direction", List.of());
                return FAULT;
            }
        }
        return domain.translate(iova);
    }

    /** How each IOMMU's driver prints the fault. */
    static String faultText(IommuKind kind, Device dev, long iova, boolean write, boolean missing) {
        return switch (kind) {
            // drivers/iommu/intel/dmar.c dmar_fault_do_one: a missing second-level entry has R=W=0
            case VTD -> "DMAR: [" + (write ? "DMA Write" : "DMA Read") + " NO_PASID] Request device [" + dev
                    + "] fault addr " + Units.hex(iova) + (write ? " [fault reason 0x05] PTE Write access is not set"
                    : " [fault reason 0x06] PTE Read access is not set");
            // drivers/iommu/arm/arm-smmu/arm-smmu.c: FSR.TF (0x2) translation, FSR.PF (0x8) permission;
            // FSYNR0.WNR (0x10) for a write
            case SMMU -> "arm-smmu: Unhandled context fault: fsr=" + (missing ? "0x2" : "0x8") + ", iova="
                    + String.format("0x%08x", iova) + ", fsynr=" + (write ? "0x10" : "0x0") + ", cbfrsynra=0x0, cb=0";
            // drivers/iommu/riscv/iommu.c riscv_iommu_fault: cause 13 load page fault, 15 store/AMO page fault
            case RISCV -> "riscv-iommu: Fault " + (write ? 15 : 13) + " devid: 0x0 iotval: "
                    + Long.toHexString(iova) + " iotval2: 0";
            // arch/sparc/kernel/psycho_common.c psycho_check_iommu_error
            case SUN4U -> "pci_pbm: IOMMU Error, type[" + (missing ? "Invalid Error" : "Protection Error") + "] at "
                    + "IOVA " + Units.hex(iova);
            // arch/sparc/kernel/pci_sun4v.c: the hypervisor owns the IOTSB and reports the error itself
            case SUN4V -> "sun4v IOMMU: DMA " + (write ? "write" : "read") + " of IOVA " + Units.hex(iova)
                    + (missing ? " has no IOTSB entry (demapped)" : " lacks HV_PCI_MAP_ATTR_WRITE")
                    + "; the hypervisor reports a NON-RESUMABLE ERROR";
        };
    }
}
