package org.dmasim.engine.check;

import static org.dmasim.engine.At.at;
import static org.dmasim.engine.check.DmaDebugFeaturesTest.dev;
import static org.dmasim.engine.check.DmaDebugFeaturesTest.during;
import static org.dmasim.engine.check.DmaDebugFeaturesTest.only;
import static org.dmasim.engine.machine.Direction.DMA_BIDIRECTIONAL;
import static org.dmasim.engine.machine.Direction.DMA_TO_DEVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.TestProfiles;
import org.dmasim.engine.dma.Mapping;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.memory.RodataBuffer;
import org.dmasim.engine.memory.StackBuffer;
import org.junit.jupiter.api.Test;

/**
 * kernel/dma/debug.c check_for_stack and check_for_illegal_area, debug_dma_map_single's
 * virt_addr_valid check, and include/linux/dma-mapping.h's vmalloc rejection, per profile.
 */
class KernelMemoryChecksTest {
    private static ArchProfile profile(String name) {
        return TestProfiles.all().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aVmallocStackIsRejectedByMapSingleAndReportedAsProbableByMapPage() {
        Kernel k = new Kernel(ArchProfile.x86_64(), MachineConfig.defaults());
        Device nic = dev(k, "nic", true, false);
        StackBuffer cmd = k.stackBuf(64, at(2));
        assertTrue(cmd.vmapped());
        // dma_map_single_attrs(): is_vmalloc_addr(ptr) -> DMA_MAPPING_ERROR, nothing for dma-debug
        Report r = only(during(k, () -> assertTrue(k.dmaMapSingle(nic, cmd, 0, 64, DMA_TO_DEVICE, 0, at(3))
                .failed())), ReportCode.DMA_MAP_VMALLOC);
        assertEquals("nic: rejecting DMA map of vmalloc memory", r.message());
        // check_for_stack(): the page is one of stack_vm_area->pages
        List<Report> rs = during(k, () -> assertTrue(!k.dmaMapPage(nic, cmd, 0, 64, DMA_TO_DEVICE, 0, at(4))
                .failed()));
        assertEquals("DMA-API: nic: device driver maps memory from stack [probable addr=stack+0x3fc0]",
                only(rs, ReportCode.DMA_MAP_STACK).message());
    }

    @Test
    void aLinearStackMapsAndIsReportedByAddress() {
        Kernel k = new Kernel(profile("arc"), MachineConfig.defaults());
        Device nic = dev(k, "nic", true, false);
        k.stackBuf(16, at(2));
        StackBuffer cmd = k.stackBuf(64, at(3)); // below the first one: the stack grows down
        List<Report> rs = during(k, () -> assertTrue(!k.dmaMapSingle(nic, cmd, 0, 64, DMA_TO_DEVICE, 0, at(4))
                .failed()));
        assertEquals("DMA-API: nic: device driver maps memory from stack [addr=stack+0x3fb0]",
                only(rs, ReportCode.DMA_MAP_STACK).message());
        assertEquals(64, cmd.contiguousFrom(0));
    }

    @Test
    void theStackIsThreadSizeAndAFailedCallTakesNothing() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        k.stackBuf(8192, at(2));
        assertThrows(ScriptFault.class, () -> k.stackBuf(12288, at(3)));
        StackBuffer rest = k.stackBuf(8192, at(4)); // the failed call left the 8 KiB it did not take
        assertEquals(0, rest.stackOffset(0));
    }

    @Test
    void rodataPerKernelImagePlacement() {
        // arc: the image runs from the linear map, check_for_illegal_area sees it
        Kernel arc = new Kernel(profile("arc"), MachineConfig.defaults());
        Device a = dev(arc, "nic", true, false);
        RodataBuffer t1 = arc.rodata(256, at(2));
        List<Report> rs = during(arc, () -> assertTrue(!arc.dmaMapSingle(a, t1, 0, 256, DMA_TO_DEVICE, 0, at(3))
                .failed()));
        assertTrue(only(rs, ReportCode.DMA_MAP_KERNEL_TEXT).message()
                .startsWith("DMA-API: nic: device driver maps memory from kernel text or rodata [addr="));
        // arm64: the image is in the vmalloc range
        Kernel arm = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device b = dev(arm, "nic", false, false);
        RodataBuffer t2 = arm.rodata(256, at(2));
        only(during(arm, () -> assertTrue(arm.dmaMapSingle(b, t2, 0, 256, DMA_TO_DEVICE, 0, at(3)).failed())),
                ReportCode.DMA_MAP_VMALLOC);
        assertEquals(List.of(), during(arm, () -> arm.dmaMapPage(b, t2, 0, 256, DMA_TO_DEVICE, 0, at(4))));
        // x86_64: its own mapping, translated: maps, no report
        Kernel x86 = new Kernel(ArchProfile.x86_64(), MachineConfig.defaults());
        Device c = dev(x86, "nic", true, false);
        RodataBuffer t3 = x86.rodata(256, at(2));
        assertEquals(List.of(), during(x86, () -> assertTrue(!x86.dmaMapSingle(c, t3, 0, 256, DMA_TO_DEVICE, 0,
                at(3)).failed())));
        // sparc64: virt_addr_valid() fails: "invalid area", and the map is refused
        Kernel sparc = new Kernel(profile("sparc64"), MachineConfig.defaults());
        Device d = dev(sparc, "nic", true, true);
        RodataBuffer t4 = sparc.rodata(256, at(2));
        only(during(sparc, () -> assertTrue(sparc.dmaMapSingle(d, t4, 0, 256, DMA_TO_DEVICE, 0, at(3)).failed())),
                ReportCode.DMA_MAP_INVALID_AREA);
    }

    @Test
    void theCpuCannotWriteRodataButADeviceCan() {
        Kernel k = new Kernel(profile("arc"), MachineConfig.defaults());
        Device nic = dev(k, "nic", true, false);
        RodataBuffer t = k.rodata(64, at(2));
        assertThrows(ScriptFault.class, () -> k.cpuWrite(t, 0, 4, new byte[] {1}, at(3)));
        Mapping m = k.dmaMapSingle(nic, t, 0, 64, DMA_BIDIRECTIONAL, 0, at(4));
        k.deviceWrite(nic, m, 0, 4, new byte[] {(byte) 0xff}, at(5));
        k.dmaUnmapSingle(nic, m.dmaAddress(), 64, DMA_BIDIRECTIONAL, 0, at(6));
        assertTrue(k.cpuRead(t, 0, 4, false, at(7)).isCertain());
        assertEquals((byte) 0xff, k.cpuRead(t, 0, 4, false, at(7)).certainValue()[0]);
    }
}
