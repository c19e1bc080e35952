package org.dmasim.engine.dmabuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.junit.jupiter.api.Test;

/** pci_p2pdma_distance on declared topologies: switch, host bridge, no p2p. */
class P2pTopologyTest {
    private static Device dev(String name, boolean p2p, String sw) {
        return new Device(new DeviceConfig(name, 64, 64, null, false, 0, false, p2p, 0, null, false, "migrate", sw),
                ArchProfile.x86_64());
    }

    @Test
    void sameSwitchIsBusAddressAtDistanceFour() {
        P2pTopology.Path p = P2pTopology.path(dev("gpu", true, "sw0"), dev("nic", true, "sw0"));
        assertEquals(P2pTopology.MapType.BUS_ADDR, p.type());
        assertEquals(4, p.distance());
    }

    @Test
    void differentSwitchesGoThroughTheHostBridge() {
        assertEquals(P2pTopology.MapType.THRU_HOST_BRIDGE,
                P2pTopology.path(dev("gpu", true, "sw0"), dev("nic", true, "sw1")).type());
        assertEquals(P2pTopology.MapType.THRU_HOST_BRIDGE,
                P2pTopology.path(dev("gpu", true, null), dev("nic", true, null)).type());
    }

    @Test
    void aDeviceWithoutP2pCannotTakePart() {
        P2pTopology.Path p = P2pTopology.path(dev("gpu", true, "sw0"), dev("ssd", false, "sw0"));
        assertEquals(P2pTopology.MapType.NOT_SUPPORTED, p.type());
        assertEquals(-1, p.distance());
        assertTrue(p.message().startsWith("ssd: cannot be used for peer-to-peer DMA as the client and provider (gpu) "
                + "do not share an upstream bridge or whitelisted host bridge"), p.message());
    }

    @Test
    void aDeviceReachesItsOwnBar() {
        Device gpu = dev("gpu", false, null);
        assertEquals(0, P2pTopology.path(gpu, gpu).distance());
    }
}
