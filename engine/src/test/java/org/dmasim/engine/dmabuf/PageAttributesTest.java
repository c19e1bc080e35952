package org.dmasim.engine.dmabuf;

import static org.dmasim.engine.At.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dmasim.engine.Kernel;
import org.dmasim.engine.check.Report;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.Gfp;
import org.dmasim.engine.memory.MemoryType;
import org.junit.jupiter.api.Test;

/** x86 PAT: user mappings of RAM take the page's tracked type; vmap does not (arch/x86/mm/pat/memtype.c). */
class PageAttributesTest {
    @Test
    void remapPfnRangeOfWriteBackRamIsGivenWriteBackWithTheKernelsWarning() {
        Kernel k = new Kernel(ArchProfile.x86_64(), MachineConfig.defaults());
        Buffer bo = k.allocPages(4096, Gfp.GFP_KERNEL, at(2));
        PageAttributes pa = k.dmaBuf().pageAttributes();
        CpuView u = pa.userMapping(bo, MemoryType.WRITE_COMBINE, true, at(3));
        assertEquals(MemoryType.CACHED, u.memoryType());
        Report r = k.reports().get(k.reports().size() - 1);
        assertEquals(ReportCode.PAT_TYPE_OVERRIDDEN, r.code());
        assertEquals(String.format("x86/PAT: dmasim:1 map pfn RAM range req write-combining for [mem %#010x-%#010x], "
                + "got write-back", bo.phys(0), bo.phys(0) + 4095), r.message());
        // track_pfn_insert: the same override, silently
        int n = k.reports().size();
        assertEquals(MemoryType.CACHED, pa.userMapping(bo, MemoryType.WRITE_COMBINE, false, at(4)).memoryType());
        assertEquals(n, k.reports().size());
    }

    @Test
    void setMemoryWcMakesTheMappingAndTheLinearMapWriteCombined() {
        Kernel k = new Kernel(ArchProfile.x86_64(), MachineConfig.defaults());
        Buffer bo = k.allocPages(8192, Gfp.GFP_KERNEL, at(2));
        PageAttributes pa = k.dmaBuf().pageAttributes();
        pa.setMemoryType(bo, MemoryType.WRITE_COMBINE, "set_memory_wc", at(3));
        int n = k.reports().size();
        assertEquals(MemoryType.WRITE_COMBINE, pa.userMapping(bo, MemoryType.WRITE_COMBINE, true, at(4)).memoryType());
        assertEquals(n, k.reports().size(), "no warning: the request matches the tracked type");
        assertEquals(MemoryType.WRITE_COMBINE, k.machine().memoryType(bo));
        pa.setMemoryType(bo, MemoryType.CACHED, "set_memory_wb", at(5));
        assertEquals(MemoryType.CACHED, k.machine().memoryType(bo));
    }

    @Test
    void aVmapKeepsItsOwnTypeAndElsewhereAUserMappingGetsWhatItAsks() {
        Kernel x86 = new Kernel(ArchProfile.x86_64(), MachineConfig.defaults());
        Buffer bo = x86.allocPages(4096, Gfp.GFP_KERNEL, at(2));
        assertEquals(MemoryType.WRITE_COMBINE,
                x86.dmaBuf().pageAttributes().vmap(bo, MemoryType.WRITE_COMBINE, at(3)).memoryType());
        Kernel arm = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Buffer b2 = arm.allocPages(4096, Gfp.GFP_KERNEL, at(2));
        assertEquals(MemoryType.WRITE_COMBINE,
                arm.dmaBuf().pageAttributes().userMapping(b2, MemoryType.WRITE_COMBINE, true, at(3)).memoryType());
        assertTrue(arm.reports().stream().noneMatch(r -> r.code() == ReportCode.PAT_TYPE_OVERRIDDEN));
    }
}
