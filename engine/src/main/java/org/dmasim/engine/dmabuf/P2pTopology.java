package org.dmasim.engine.dmabuf;

import java.util.Objects;
import org.dmasim.engine.machine.Device;

/**
 * drivers/pci/p2pdma.c {@code pci_p2pdma_distance} / {@code pci_p2pdma_map_type}, on the
 * topology the device declarations give: devices with {@code p2p: true} under one
 * {@code pci_switch} reach each other's BARs with PCI bus addresses (distance 4, BUS_ADDR);
 * {@code p2p: true} devices without a common switch go through the host bridge, which
 * {@code p2p: true} declares whitelisted (THRU_HOST_BRIDGE, mapped with CPU physical addresses);
 * a device without {@code p2p} cannot take part (NOT_SUPPORTED, -1).
 */
public final class P2pTopology {
    public enum MapType { BUS_ADDR, THRU_HOST_BRIDGE, NOT_SUPPORTED }

    /** The answer and, for NOT_SUPPORTED, p2pdma.c's message. */
    public record Path(MapType type, int distance, String message) {
        public boolean supported() {
            return type != MapType.NOT_SUPPORTED;
        }
    }

    private P2pTopology() {
    }

    public static Path path(Device provider, Device client) {
        if (provider == client) {
            return new Path(MapType.BUS_ADDR, 0, null);
        }
        if (!provider.config().p2p() || !client.config().p2p()) {
            Device lacking = !client.config().p2p() ? client : provider;
            return new Path(MapType.NOT_SUPPORTED, -1, client.name() + ": cannot be used for peer-to-peer DMA as the "
                    + "client and provider (" + provider.name() + ") do not share an upstream bridge or whitelisted "
                    + "host bridge (" + lacking.name() + " has no p2p: true)");
        }
        String a = provider.config().pciSwitch();
        if (a != null && Objects.equals(a, client.config().pciSwitch())) {
            return new Path(MapType.BUS_ADDR, 4, null);
        }
        return new Path(MapType.THRU_HOST_BRIDGE, 8, null);
    }
}
