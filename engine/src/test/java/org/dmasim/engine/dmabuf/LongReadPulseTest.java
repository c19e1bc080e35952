package org.dmasim.engine.dmabuf;

import static org.dmasim.engine.At.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.Pulse;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.cache.Segment;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.machine.MachineConfig;
import org.junit.jupiter.api.Test;

/**
 * A device read of a whole 1 GiB BAR (through dma_map_resource, mapped or failed) is built a chunk
 * at a time: a pulse that stops the run at its first beats stops the read before it allocated more
 * than a few chunks (it used to allocate the whole gigabyte before its first beat, which took
 * seconds past the time limit on a loaded machine).
 */
class LongReadPulseTest {
    private static final long GiB = 1L << 30;

    /** Stops the operation at its {@code limit}-th beat. */
    private static final class StopAt implements Pulse {
        final long limit;
        long n;

        StopAt(long limit) {
            this.limit = limit;
        }

        @Override
        public void beat() {
            if (++n >= limit) {
                throw new IllegalStateException("stopped");
            }
        }
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static Kernel machine() {
        return new Kernel(ArchProfile.x86_64(), MachineConfig.defaults());
    }

    private static Device device(Kernel k, String name, int mask) {
        return k.addDevice(new DeviceConfig(name, mask, mask, true, false, 0, false, false, GiB, null, false,
                "migrate", null), at(1));
    }

    private static void stopsEarly(Kernel k, Device dev, ResourceMapping r) {
        StopAt pulse = new StopAt(64);
        k.setPulse(pulse);
        long before = allocated();
        assertThrows(IllegalStateException.class, () -> k.deviceRead(dev, r, 0, GiB, false, at(3)));
        long spent = allocated() - before;
        assertEquals(64, pulse.n, "the read beat the pulse until it stopped");
        assertTrue(spent < 16L << 20, "allocated " + spent + " bytes before the 64th beat");
    }

    @Test
    void aReadOfAWholeBarStopsAtThePulse() {
        Kernel k = machine();
        Device nic = device(k, "nic", 64);
        ResourceMapping r = k.dmaBuf().deviceMemory().dmaMapResource(nic, k.dmaBuf().deviceMemory().bar(nic), 0,
                GiB, Direction.DMA_BIDIRECTIONAL, 0, at(2));
        stopsEarly(k, nic, r);
    }

    @Test
    void theAllOnesOfAFailedMappingStopAtThePulse() {
        Kernel k = machine();
        Device nic = device(k, "nic", 24); // the BAR lies above its mask: DMA_MAPPING_ERROR
        ResourceMapping r = k.dmaBuf().deviceMemory().dmaMapResource(nic, k.dmaBuf().deviceMemory().bar(nic), 0,
                GiB, Direction.DMA_BIDIRECTIONAL, 0, at(2));
        stopsEarly(k, nic, r);
    }

    @Test
    void aLongReadIsKeptInChunksWithTheSameValue() {
        Kernel k = machine();
        Device nic = device(k, "nic", 64);
        long length = 3 * ReadResult.CHUNK + 100;
        ResourceMapping r = k.dmaBuf().deviceMemory().dmaMapResource(nic, k.dmaBuf().deviceMemory().bar(nic), 4000,
                length, Direction.DMA_BIDIRECTIONAL, 0, at(2));
        k.deviceWrite(nic, r, 0, length, new byte[] {1, 2, 3}, at(3));
        ReadResult read = k.deviceRead(nic, r, 0, length, false, at(4));
        assertEquals(length, read.length());
        assertTrue(read.always(new byte[] {1, 2, 3}));
        for (Segment s : read.segments()) {
            assertTrue(s.length() <= ReadResult.CHUNK, s.length() + " bytes in one segment");
        }
        Device off = device(k, "off", 24);
        ResourceMapping failed = k.dmaBuf().deviceMemory().dmaMapResource(off, k.dmaBuf().deviceMemory().bar(off),
                0, length, Direction.DMA_BIDIRECTIONAL, 0, at(5));
        ReadResult ones = k.deviceRead(off, failed, 0, length, true, at(6));
        assertTrue(ones.always(new byte[] {(byte) 0xff}) && ones.isCertain());
        assertEquals(4, ones.segments().size());
    }
}
