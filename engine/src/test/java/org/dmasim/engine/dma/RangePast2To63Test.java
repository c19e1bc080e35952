package org.dmasim.engine.dma;

import static org.dmasim.engine.At.at;
import static org.dmasim.engine.machine.Direction.DMA_FROM_DEVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.Units;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.Gfp;
import org.dmasim.engine.memory.ShmemObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A range at offset 1 with a length of 2^63 - 1 lies outside every buffer: the checks compare the
 * length with what is left after the offset, since {@code offset + length} wraps to a negative end
 * that passed them (an internal error, an index out of bounds, for dma_map_page of a pinned shmem
 * object: found by fuzzing).
 */
class RangePast2To63Test {
    private static final long HUGE = Long.MAX_VALUE;

    private static void outside(String what, Executable call) {
        ScriptFault f = assertThrows(ScriptFault.class, call, what);
        assertTrue(f.getMessage().contains("[1, 1 + 9223372036854775807)"), what + ": " + f.getMessage());
    }

    @Test
    void everyRangeCheckRefusesAWrappingEnd() {
        Kernel k = new Kernel(ArchProfile.x86_64(), MachineConfig.defaults());
        Device nic = k.addDevice(new DeviceConfig("nic", 64, 64, true, false, 0, false, false, 0, null, false,
                "migrate", null), at(1));
        Device cam = k.addDevice(new DeviceConfig("cam", 64, 64, true, false, 0, false, false, 1L << 20, null, false,
                "migrate", null), at(1));
        ShmemObject s = k.shmem(1, Gfp.GFP_HIGHUSER, at(2));
        k.shmemPin(s, at(3));
        Buffer b = k.allocPages(4096, Gfp.GFP_KERNEL, at(4));
        outside("dma_map_page", () -> k.dmaMapPage(nic, s, 1, HUGE, DMA_FROM_DEVICE, 0, at(5)));
        outside("dma_map_single", () -> k.dmaMapSingle(nic, b, 1, HUGE, DMA_FROM_DEVICE, 0, at(5)));
        outside("sg_table", () -> k.sgTable(b, 1, HUGE, at(5)));
        outside("sg_table of a list", () -> k.sgTable(List.of(new SgTable.Entry(b, 1, HUGE)), at(5)));
        var memory = k.dmaBuf().deviceMemory();
        outside("dma_map_resource", () -> memory.dmaMapResource(nic, memory.bar(cam), 1, HUGE, DMA_FROM_DEVICE, 0,
                at(5)));
        assertEquals("[4096, 8192)", Units.range(4096, 4096));
        assertEquals("[9223372036854775807, 9223372036854775807 + 1)", Units.range(HUGE, 1));
    }
}
