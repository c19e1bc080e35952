package org.dmasim.engine.footprint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.dmasim.engine.At;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.dma.Mapping;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.memory.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the facade and the cache domain note for each step, and which steps of a CPU and a device
 * therefore commute: accesses to different buffers, syncs of other mappings; not an access and
 * a write of the same line, a sync of the mapping a device uses, or a dma-buf call.
 */
class FootprintTest {
    private Kernel k;
    private Device nic;
    private Buffer a;
    private Buffer b;
    private Mapping ma;
    private Mapping mb;

    @BeforeEach
    void machine() {
        k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        nic = k.addDevice(new DeviceConfig("nic", 64, 64, false, false, 0, false, false, 0, null, false, "migrate",
                null), At.at(1));
        a = k.allocPages(4096, 0, At.at(2));
        b = k.allocPages(4096, 0, At.at(3));
        ma = k.dmaMapSingle(nic, a, 0, 4096, Direction.DMA_FROM_DEVICE, 0, At.at(4));
        mb = k.dmaMapSingle(nic, b, 0, 4096, Direction.DMA_FROM_DEVICE, 0, At.at(5));
    }

    private Touches step(Runnable r) {
        Footprint fp = k.machine().footprint();
        fp.begin();
        r.run();
        return fp.end();
    }

    private <T> Touches step(Supplier<T> r) {
        return step(() -> {
            r.get();
        });
    }

    @Test
    void nothingIsRecordedOutsideAStep() {
        k.deviceWrite(nic, ma, 0, 64, new byte[] {1}, At.at(6));
        Footprint fp = k.machine().footprint();
        fp.begin();
        assertTrue(fp.end().isEmpty());
    }

    @Test
    void accessesToDifferentBuffersCommute() {
        Touches dev = step(() -> k.deviceWrite(nic, ma, 0, 64, new byte[] {1}, At.at(6)));
        Touches cpu = step(() -> k.cpuRead(b, 0, 64, false, At.at(7)));
        assertFalse(dev.conflictsWith(cpu), dev + " / " + cpu);
        Touches cpuSame = step(() -> k.cpuRead(a, 0, 64, false, At.at(8)));
        assertTrue(dev.conflictsWith(cpuSame), dev + " / " + cpuSame);
        Touches cpuOtherLine = step(() -> k.cpuRead(a, 64, 64, false, At.at(9)));
        assertFalse(dev.conflictsWith(cpuOtherLine), "another line of the same buffer: " + cpuOtherLine);
    }

    @Test
    void twoReadsCommute() {
        Touches dev = step(() -> k.deviceRead(nic, ma, 0, 64, true, At.at(6)));
        Touches cpu = step(() -> k.cpuRead(a, 0, 64, true, At.at(7)));
        assertFalse(dev.conflictsWith(cpu));
    }

    @Test
    void aSyncConflictsWithTheDeviceUsingThatMappingOnly() {
        Touches sync = step(() -> k.dmaSyncSingleForCpu(nic, ma.dmaAddress(), 4096, Direction.DMA_FROM_DEVICE,
                At.at(6)));
        Touches other = step(() -> k.deviceWrite(nic, mb, 0, 64, new byte[] {1}, At.at(7)));
        Touches same = step(() -> k.deviceWrite(nic, ma, 512, 64, new byte[] {1}, At.at(8)));
        assertFalse(sync.conflictsWith(other), sync + " / " + other);
        assertTrue(sync.conflictsWith(same), sync + " / " + same);
    }

    @Test
    void anUnmapConflictsWithTheDevicesLaterAccess() {
        Touches unmap = step(() -> k.dmaUnmapSingle(nic, ma.dmaAddress(), 4096, Direction.DMA_FROM_DEVICE, 0,
                At.at(6)));
        Touches dev = step(() -> k.deviceWrite(nic, ma, 0, 64, new byte[] {1}, At.at(7)));
        assertTrue(unmap.conflictsWith(dev));
    }

    @Test
    void aCpuStoreOverAMappedBufferIsNotedOnTheMapping() {
        Touches store = step(() -> k.cpuWrite(a, 2048, 8, new byte[] {1}, At.at(6)));
        Touches dev = step(() -> k.deviceRead(nic, ma, 0, 8, true, At.at(7)));
        assertTrue(store.conflictsWith(dev), "the device's DEVICE_ACCESS_CPU_OWNED check reads what the store set");
    }

    @Test
    void theDmaBufLayerIsOneBigObject() {
        Touches call = step(() -> k.dmaBuf());
        Touches dev = step(() -> k.deviceRead(nic, mb, 0, 8, true, At.at(7)));
        assertTrue(call.conflictsWith(dev));
        assertFalse(step(() -> k.deviceRead(nic, ma, 0, 8, true, At.at(8))).conflictsWith(dev));
    }

    @Test
    void aBouncedDeviceWriteTouchesTheOriginalsShadow() {
        Device weak = k.addDevice(new DeviceConfig("weak", 32, 32, false, false, 0, false, false, 0, "force", false,
                "migrate", null), At.at(10));
        Mapping m = k.dmaMapSingle(weak, a, 0, 4096, Direction.DMA_FROM_DEVICE, 0, At.at(11));
        assertTrue(m.bounced());
        Touches dev = step(() -> k.deviceWrite(weak, m, 0, 64, new byte[] {1}, At.at(12)));
        Touches cpu = step(() -> k.cpuRead(a, 0, 64, false, At.at(13)));
        assertTrue(dev.conflictsWith(cpu), "the read is judged against the shadow the device wrote: " + dev);
    }

    @Test
    void touchesOfObjectsOnly() {
        Object fence = new Object();
        Touches signal = Touches.ofObjects(List.of(), List.of(fence));
        Touches test = Touches.ofObjects(List.of(fence), List.of());
        assertTrue(signal.conflictsWith(test));
        assertFalse(test.conflictsWith(test));
        assertTrue(signal.writesInto(test));
        assertFalse(test.writesInto(signal));
        assertTrue(signal.plus(test).writes());
    }
}
