package org.dmasim.polyglot;

import org.dmasim.interpreter.eval.Value;

/** A declared device: its fields, and {@code read}/{@code write} through DMA handles. */
final class DeviceObject extends Wrapped {
    private static final String[] METHODS = {"read", "probe", "write"};
    private final Access access;

    DeviceObject(Host host, Value.DeviceValue device) {
        super(host, device);
        this.access = new Access(host, device.device());
    }

    @Override
    Object extra(String key) {
        return switch (key) {
            case "read" -> access.read(false);
            case "probe" -> access.read(true);
            case "write" -> access.write();
            default -> null;
        };
    }

    @Override
    String[] extraKeys() {
        return METHODS.clone();
    }
}
