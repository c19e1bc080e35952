package org.dmasim.repl;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.dma.StreamingMapping;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.interpreter.Session;
import org.dmasim.interpreter.eval.Printer;
import org.dmasim.interpreter.eval.Value;

/** {@code :state}: the machine at a glance: arch, devices, named buffers, live mappings, dma-bufs. */
public final class StateView {
    private final Session session;
    private final PrintStream out;

    StateView(Session session, PrintStream out) {
        this.session = session;
        this.out = out;
    }

    /** What {@code :state} prints for {@code session} (tests compare it before and after a failed entry). */
    public static String of(Session session) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        PrintStream to = new PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        new StateView(session, to).print();
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    void print() {
        Kernel k = session.kernel();
        ArchProfile p = k.profile();
        out.println("arch      " + p.name() + " (" + p.cacheLine() + "-byte lines, devices "
                + (p.coherentDefault() ? "coherent" : "non-coherent") + " by default"
                + (p.speculativePrefetch() ? ", speculative prefetch" : "") + ")");
        section("devices", devices(k));
        section("buffers", buffers());
        section("mappings", mappings(k));
        // The engine has no dma-buf objects yet: nothing can be exported, so there is nothing to list.
        section("dma-bufs", List.of());
    }

    private void section(String title, List<String> rows) {
        if (rows.isEmpty()) {
            out.printf("%-9s none%n", title);
            return;
        }
        out.printf("%-9s %s%n", title, rows.get(0));
        for (String row : rows.subList(1, rows.size())) {
            out.printf("%-9s %s%n", "", row);
        }
    }

    private static List<String> devices(Kernel k) {
        List<String> rows = new ArrayList<>();
        for (Device d : k.devices()) {
            rows.add(Printer.describe(new Value.DeviceValue(d)).substring("device ".length()));
        }
        return rows;
    }

    /** The session's names that hold memory: buffers, coherent allocations, CPU views. */
    private List<String> buffers() {
        Map<String, String> rows = new TreeMap<>();
        for (String name : session.globals().visibleNames()) {
            Value v = session.globals().lookup(name);
            switch (v) {
                case Value.View view -> {
                    boolean freed = view.view() instanceof Buffer b && b.freed();
                    rows.put(name, named(name, Printer.describe(v)) + (freed ? " (freed)" : ""));
                }
                case Value.Coherent c -> rows.put(name, named(name, Printer.describe(v))
                        + (c.allocation().freed() ? " (freed)" : ""));
                case null, default -> {
                }
            }
        }
        return new ArrayList<>(rows.values());
    }

    private static String named(String name, String description) {
        return description.startsWith(name + ": ") ? description : name + " = " + description;
    }

    /** Live streaming mappings with who owns the buffer now (map and sync_for_device give it to the device). */
    private static List<String> mappings(Kernel k) {
        List<String> rows = new ArrayList<>();
        for (StreamingMapping m : k.machine().mappings()) {
            if (m.failed() || m.released()) {
                continue;
            }
            String how = m.iommu() ? "iommu" : m.bounced() ? "bounced via " + Printer.number(m.slot()) : "direct";
            rows.add(m.label() + ": " + m.device().name() + " dma " + Printer.number(m.dmaAddress()) + " "
                    + Printer.size(m.size()) + " of " + m.view().label() + ", " + m.direction().name() + ", " + how
                    + ", owned by " + owner(m));
        }
        return rows;
    }

    /** Who owns the mapping: one side, or the device but for the ranges synced back to the CPU. */
    private static String owner(StreamingMapping m) {
        if (!m.deviceOwns()) {
            return "the cpu";
        }
        String cpu = m.cpuOwnedRanges();
        return cpu.isEmpty() ? m.device().name() : m.device().name() + " (the cpu owns " + cpu + ")";
    }
}
