package org.dmasim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.dma.Mapping;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.Gfp;

/**
 * Engine invariants: a driver that follows the streaming DMA
 * protocol gets no report and only certain reads on every arch, bounced or not; a coherent,
 * never-bounced device sees the shadow without any sync.
 */
class ProtocolPropertiesTest {
    static final int SIZE = 8192;

    /** One step: kind, offset and length inside the buffer, value. */
    static void step(Kernel k, Device dev, Buffer buf, int kind, int a, int b, int value, int line) {
        Site at = new At(line, 1);
        int off = Math.min(a, b) % SIZE;
        int len = 1 + Math.abs(a - b) % (SIZE - off);
        byte[] v = {(byte) value};
        switch (kind) {
            case 0 -> { // transmit: CPU fills, map TO_DEVICE, device reads, unmap
                k.cpuWrite(buf, off, len, v, at);
                Mapping m = k.dmaMapSingle(dev, buf, 0, SIZE, Direction.DMA_TO_DEVICE, 0, at);
                k.dmaMappingError(dev, m.dmaAddress(), at);
                ReadResult r = k.deviceRead(dev, m, off, len, false, at);
                assertTrue(r.isCertain() && r.always(v), r::toString);
                k.dmaUnmapSingle(dev, m.dmaAddress(), SIZE, Direction.DMA_TO_DEVICE, 0, at);
            }
            case 1 -> { // receive: map FROM_DEVICE, device writes, sync for cpu, CPU reads, unmap
                Mapping m = k.dmaMapSingle(dev, buf, 0, SIZE, Direction.DMA_FROM_DEVICE, 0, at);
                k.dmaMappingError(dev, m.dmaAddress(), at);
                k.deviceWrite(dev, m, off, len, v, at);
                k.dmaSyncSingleForCpu(dev, m.dmaAddress(), SIZE, Direction.DMA_FROM_DEVICE, at);
                ReadResult r = k.cpuRead(buf, off, len, false, at);
                assertTrue(r.isCertain() && r.always(v), r::toString);
                k.dmaUnmapSingle(dev, m.dmaAddress(), SIZE, Direction.DMA_FROM_DEVICE, 0, at);
            }
            case 2 -> { // bidirectional with both syncs, then the CPU reads after unmap
                Mapping m = k.dmaMapSingle(dev, buf, 0, SIZE, Direction.DMA_BIDIRECTIONAL, 0, at);
                k.dmaMappingError(dev, m.dmaAddress(), at);
                k.dmaSyncSingleForCpu(dev, m.dmaAddress(), SIZE, Direction.DMA_BIDIRECTIONAL, at);
                k.cpuWrite(buf, off, len, v, at);
                k.dmaSyncSingleForDevice(dev, m.dmaAddress(), SIZE, Direction.DMA_BIDIRECTIONAL, at);
                ReadResult seen = k.deviceRead(dev, m, off, len, false, at);
                assertTrue(seen.isCertain() && seen.always(v), seen::toString);
                k.deviceWrite(dev, m, off, len, new byte[] {(byte) (value + 1)}, at);
                k.dmaUnmapSingle(dev, m.dmaAddress(), SIZE, Direction.DMA_BIDIRECTIONAL, 0, at);
                ReadResult r = k.cpuRead(buf, off, len, false, at);
                assertTrue(r.isCertain() && r.always(new byte[] {(byte) (value + 1)}), r::toString);
            }
            default -> { // the CPU alone
                ReadResult r = k.cpuRead(buf, 0, SIZE, false, at);
                assertTrue(r.isCertain(), r::toString);
            }
        }
    }

    @Property(tries = 60)
    void theProtocolDoneRightIsCleanOnEveryArch(@ForAll @Size(max = 8) List<@IntRange(max = 3) Integer> kinds,
            @ForAll @IntRange(max = 2 * SIZE) int a, @ForAll @IntRange(max = 2 * SIZE) int b,
            @ForAll boolean arm, @ForAll boolean low, @ForAll boolean force) {
        Kernel k = new Kernel(arm ? ArchProfile.arm64() : ArchProfile.x86_64(), MachineConfig.defaults());
        Device dev = k.addDevice(new DeviceConfig("nic", low ? 32 : 64, low ? 32 : 64, null, false, 0, force, false, 0,
                null, false, "migrate", null), new At(1, 1));
        Buffer buf = k.allocPages(SIZE, Gfp.GFP_KERNEL, new At(2, 1));
        int line = 3;
        for (int kind : kinds) {
            step(k, dev, buf, kind, a + line, b * line, line, line);
            line++;
        }
        k.finish(new At(line, 1));
        assertEquals(List.of(), k.reports());
    }

    @Property(tries = 60)
    void aCoherentDeviceSeesTheShadowWithoutSyncs(@ForAll @Size(max = 10) List<@IntRange(max = 3) Integer> kinds,
            @ForAll @IntRange(max = SIZE - 1) int off, @ForAll @IntRange(min = 1, max = 256) int len) {
        Kernel k = new Kernel();
        Device dev = k.addDevice(new DeviceConfig("nic", 64, 64, true, false, 0, false, false, 0, null, false,
                "migrate", null), new At(1, 1));
        Buffer buf = k.allocPages(SIZE, Gfp.GFP_KERNEL, new At(2, 1));
        Mapping m = k.dmaMapSingle(dev, buf, 0, SIZE, Direction.DMA_BIDIRECTIONAL, 0, new At(3, 1));
        int n = Math.min(len, SIZE - off);
        int value = 0;
        int line = 4;
        for (int kind : kinds) {
            Site at = new At(line++, 1);
            switch (kind) {
                case 0 -> k.cpuWrite(buf, off, n, new byte[] {(byte) ++value}, at);
                case 1 -> k.deviceWrite(dev, m, off, n, new byte[] {(byte) ++value}, at);
                case 2 -> assertTrue(k.deviceRead(dev, m, 0, SIZE, true, at).isCertain());
                default -> assertTrue(k.cpuRead(buf, 0, SIZE, true, at).isCertain());
            }
            ReadResult r = k.deviceRead(dev, m, off, n, true, at);
            assertTrue(r.isCertain() && !r.hasStale(), r::toString);
        }
        assertTrue(k.reports().stream().noneMatch(r -> r.code().defaultSeverity()
                == org.dmasim.engine.check.Severity.ERROR), k.reports()::toString);
    }
}
