package org.dmasim.interpreter.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The ordering model against brute force (docs/concurrency.md, "Ordering"): random small programs
 * on a coherent allocation (the CPU with up to four stores, loads and barriers, one device job of up
 * to three in-order accesses started by a doorbell somewhere among them, on x86_64, arm64 or
 * riscv64). The oracle knows nothing of store buffers, load windows or the explorer: it lets the
 * CPU perform its accesses in every order that keeps each pair the arch orders (same location;
 * on a TSO arch everything but a store before a later load; the pairs each barrier orders, as the
 * profiles define them; a doorbell rung with writel() after every earlier store), interleaved with
 * the device's accesses after the doorbell, and collects each load's value and the final memory.
 * One limitation of dmasim is built in: a load before the job's doorbell is satisfied before the job
 * starts (on arm64 and riscv64 it could be satisfied after the device's first writes).
 * The joint outcomes and each load's values must be those dmasim finds, with and without partial-order
 * reduction. The build runs {@code oracle.tries / 100} programs (20; 500 with {@code -Poracle}).
 */
class OrderingOracleTest {
    private static final int TRIES = Integer.getInteger("oracle.tries", 2000) / 100;
    private static final String[] ARCHES = {"x86_64", "arm64", "riscv64"};
    /** Barriers, and the MMIO accessors readl() and writel() of a device register, which order as theirs. */
    private static final String[] BARRIERS = {"dma_rmb", "dma_wmb", "rmb", "wmb", "mb", "smp_mb", "readl", "writel"};
    /**
     * What each barrier orders per arch (the profiles' barriers tables): rr rw wr ww. readl() is
     * readl_relaxed() then __iormb(), writel() is __iowmb() then writel_relaxed() (asm/io.h, riscv
     * asm/mmio.h: fence i,ir and fence w,o order no two accesses to memory).
     */
    private static final Map<String, Map<String, String>> ORDERS = Map.of(
            "x86_64", Map.of("dma_rmb", "", "dma_wmb", "", "rmb", "rr rw", "wmb", "ww", "mb", "rr rw wr ww",
                    "smp_mb", "rr rw wr ww", "readl", "rr rw", "writel", "ww"),
            "arm64", Map.of("dma_rmb", "rr rw", "dma_wmb", "ww", "rmb", "rr rw", "wmb", "ww wr",
                    "mb", "rr rw wr ww", "smp_mb", "", "readl", "rr rw", "writel", "ww"),
            "riscv64", Map.of("dma_rmb", "rr", "dma_wmb", "ww", "rmb", "rr", "wmb", "ww", "mb", "rr rw wr ww",
                    "smp_mb", "rr rw wr ww", "readl", "", "writel", ""));

    /** A CPU access or barrier ({@code loc} 0 is x, 1 is y), a doorbell, or a device access. */
    record Op(char kind, int loc, int value, String barrier) {
    }

    record Program(String arch, List<Op> cpu, List<Op> dev, boolean relaxed) {
        int cpuLoads() {
            return (int) cpu.stream().filter(o -> o.kind == 'R').count();
        }

        int devLoads() {
            return (int) dev.stream().filter(o -> o.kind == 'R').count();
        }
    }

    static Program random(Random rnd) {
        String arch = ARCHES[rnd.nextInt(3)];
        List<Op> cpu = new ArrayList<>();
        int n = 2 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            int k = rnd.nextInt(5);
            cpu.add(k < 2 ? new Op('W', rnd.nextInt(2), 1 + rnd.nextInt(2), null)
                    : k < 4 ? new Op('R', rnd.nextInt(2), 0, null)
                    : new Op('F', 0, 0, BARRIERS[rnd.nextInt(BARRIERS.length)]));
        }
        cpu.add(rnd.nextInt(cpu.size() + 1), new Op('D', 0, 0, null));
        List<Op> dev = new ArrayList<>();
        int m = 1 + rnd.nextInt(3);
        for (int i = 0; i < m; i++) {
            dev.add(rnd.nextBoolean() ? new Op('W', rnd.nextInt(2), 1 + rnd.nextInt(2), null)
                    : new Op('R', rnd.nextInt(2), 0, null));
        }
        return new Program(arch, cpu, dev, rnd.nextBoolean());
    }

    // ---- the oracle

    /** Whether the arch keeps CPU access {@code a} (earlier) before {@code b}. */
    static boolean ordered(Program p, int a, int b) {
        Op x = p.cpu.get(a);
        Op y = p.cpu.get(b);
        if (x.kind == 'F' || y.kind == 'F') {
            return false;
        }
        boolean xw = x.kind != 'R';
        boolean yw = y.kind != 'R';
        if (x.kind != 'D' && y.kind != 'D' && x.loc == y.loc) {
            return true;
        }
        if (p.arch.equals("x86_64") && !(xw && !yw)) {
            return true;
        }
        if (y.kind == 'D' && !xw) {
            // dmasim's limitation: a load before the first job's doorbell is satisfied before the job
            // starts (arm64 and riscv would let it be satisfied later, after the device's writes)
            return true;
        }
        if (y.kind == 'D' && xw && !p.relaxed) {
            // writel(): __iowmb() orders every earlier store before the doorbell
            return true;
        }
        String pair = (xw ? "w" : "r") + (yw ? "w" : "r");
        for (int f = a + 1; f < b; f++) {
            Op o = p.cpu.get(f);
            if (o.kind == 'F' && List.of(ORDERS.get(p.arch).get(o.barrier).split(" ")).contains(pair)) {
                return true;
            }
        }
        return false;
    }

    /** Every joint outcome: the CPU's loads, the device's loads (program order), then final x and y. */
    static Set<List<Integer>> outcomes(Program p) {
        Set<List<Integer>> out = new HashSet<>();
        int n = p.cpu.size();
        boolean[][] before = new boolean[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                before[a][b] = ordered(p, a, b);
            }
        }
        walk(p, before, 0, 0, new int[2], new int[n], new int[p.dev.size()], out);
        return out;
    }

    private static void walk(Program p, boolean[][] before, int done, int pc, int[] mem, int[] cpuRead, int[] devRead,
            Set<List<Integer>> out) {
        int n = p.cpu.size();
        boolean started = false;
        for (int i = 0; i < n; i++) {
            if (p.cpu.get(i).kind == 'D' && (done & (1 << i)) != 0) {
                started = true;
            }
        }
        if (done == (1 << n) - 1 && pc == p.dev.size()) {
            List<Integer> t = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (p.cpu.get(i).kind == 'R') {
                    t.add(cpuRead[i]);
                }
            }
            for (int i = 0; i < p.dev.size(); i++) {
                if (p.dev.get(i).kind == 'R') {
                    t.add(devRead[i]);
                }
            }
            t.add(mem[0]);
            t.add(mem[1]);
            out.add(t);
            return;
        }
        for (int i = 0; i < n; i++) {
            if ((done & (1 << i)) != 0) {
                continue;
            }
            boolean ready = true;
            for (int a = 0; a < i && ready; a++) {
                ready = (done & (1 << a)) != 0 || !before[a][i];
            }
            if (!ready) {
                continue;
            }
            Op o = p.cpu.get(i);
            int[] m = mem.clone();
            int[] r = cpuRead.clone();
            if (o.kind == 'W') {
                m[o.loc] = o.value;
            } else if (o.kind == 'R') {
                r[i] = mem[o.loc];
            }
            walk(p, before, done | (1 << i), pc, m, r, devRead, out);
        }
        if (started && pc < p.dev.size()) {
            Op o = p.dev.get(pc);
            int[] m = mem.clone();
            int[] r = devRead.clone();
            if (o.kind == 'W') {
                m[o.loc] = o.value;
            } else {
                r[pc] = mem[o.loc];
            }
            walk(p, before, done, pc + 1, m, cpuRead, r, out);
        }
    }

    // ---- the scenario

    private static String loc(String view, int l) {
        return view + "[" + (64 * l) + ".." + (64 * l + 1) + "]";
    }

    static String source(Program p, List<List<Integer>> ask) {
        StringBuilder s = new StringBuilder("arch " + p.arch + "\ndevice nic { dma_mask: 64, vram: 4KiB }\n"
                + "let ring = dma_alloc_coherent(nic, 4KiB)\n");
        List<String> names = new ArrayList<>();
        int r = 0;
        for (Op o : p.cpu) {
            switch (o.kind) {
                case 'W' -> s.append("cpu writes ").append(loc("ring.cpu", o.loc)).append(" = ").append(o.value).append('\n');
                case 'R' -> {
                    s.append("let r").append(r).append(" = cpu reads ").append(loc("ring.cpu", o.loc)).append('\n');
                    names.add("r" + r++);
                }
                case 'F' -> s.append(switch (o.barrier) {
                    case "readl" -> "let irq" + s.length() + " = readl(nic.bar, 0)\n";
                    case "writel" -> "writel(nic.bar, 4, 1)\n";
                    default -> o.barrier + "()\n";
                });
                default -> {
                    s.append("let j = async nic").append(p.relaxed ? " via writel_relaxed" : "").append(" {\n");
                    int d = 0;
                    for (Op e : p.dev) {
                        if (e.kind == 'W') {
                            s.append("    nic writes ").append(loc("ring.dma", e.loc)).append(" = ").append(e.value)
                                    .append('\n');
                        } else {
                            s.append("    let d").append(d++).append(" = nic reads ").append(loc("ring.dma", e.loc))
                                    .append('\n');
                        }
                    }
                    s.append("}\n");
                }
            }
        }
        for (int d = 0; d < p.devLoads(); d++) {
            names.add("j.d" + d);
        }
        s.append("wait j\nlet fx = cpu reads ").append(loc("ring.cpu", 0)).append("\nlet fy = cpu reads ")
                .append(loc("ring.cpu", 1)).append('\n');
        names.add("fx");
        names.add("fy");
        for (List<Integer> t : ask) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < t.size(); i++) {
                parts.add(names.get(i) + " == " + t.get(i));
            }
            s.append("expect sometimes (").append(String.join(" and ", parts)).append(")\n");
        }
        s.append("dma_free_coherent(nic, ring)\n");
        return s.toString();
    }

    /** Every tuple of values each position takes in some outcome: the expectations to ask. */
    static List<List<Integer>> candidates(Set<List<Integer>> outcomes) {
        int k = outcomes.iterator().next().size();
        List<Set<Integer>> domains = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Set<Integer> d = new TreeSet<>();
            for (List<Integer> t : outcomes) {
                d.add(t.get(i));
            }
            domains.add(d);
        }
        List<List<Integer>> all = new ArrayList<>(List.of(List.of()));
        for (Set<Integer> d : domains) {
            List<List<Integer>> next = new ArrayList<>();
            for (List<Integer> prefix : all) {
                for (int v : d) {
                    List<Integer> t = new ArrayList<>(prefix);
                    t.add(v);
                    next.add(t);
                }
            }
            all = next;
        }
        return all;
    }

    @Property(tries = 1, seed = "1")
    void theOrderingModelAgreesWithBruteForce(@ForAll long ignored) {
        Random rnd = new Random(20261204L);
        for (int i = 0; i < TRIES; i++) {
            Program p = random(rnd);
            Set<List<Integer>> expected = outcomes(p);
            List<List<Integer>> ask = candidates(expected);
            if (ask.size() > 64) {
                continue;
            }
            String source = source(p, ask);
            Map<Integer, Boolean> want = new TreeMap<>();
            int firstExpect = (int) source.lines().takeWhile(l -> !l.startsWith("expect")).count() + 1;
            for (int q = 0; q < ask.size(); q++) {
                want.put(firstExpect + q, expected.contains(ask.get(q)));
            }
            for (boolean reduce : new boolean[] {true, false}) {
                OracleAgreementTest.Seen seen = OracleAgreementTest.run(source, reduce);
                String where = "program " + i + (reduce ? " (DPOR)" : " (every interleaving)") + ":\n" + source;
                assertEquals(want, seen.verdicts, () -> "joint outcomes of " + where);
            }
        }
    }
}
