package org.dmasim.interpreter.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The ordering model against herd7 (docs/concurrency.md, "Ordering"): the litmus shapes MP (both
 * directions), SB, LB and 2+2W with the CPU as one thread and a device as the other, with no barrier
 * and with each barrier between the CPU's two accesses, on x86_64, arm64 and riscv64. dmasim's
 * {@code expect sometimes} over the shape's outcome must hold exactly when herd7 says Sometimes.
 *
 * <p>The litmus tests and herd7's verdicts are in {@code src/test/resources/litmus}
 * ({@code herd7-verdicts.txt}: herdtools7 7.57, models aarch64.cat, riscv.cat, x86tso.cat, each line
 * the Observation line herd7 printed). Device-side assumptions, which herd7 cannot express: the
 * device is an in-order thread (in the litmus tests the strongest fence between its accesses); it
 * reads only what the CPU's store buffer has drained; its writes are performed in program order.
 *
 * <p>One deliberate difference: arm64's {@code smp_*} barriers are {@code dmb ish*}, inner
 * shareable, and a device is not in the CPU's inner shareable domain, so they do not order the
 * CPU's accesses as a device observes them (Documentation/memory-barriers.txt: use dma_*). herd7's
 * aarch64.cat ignores shareability domains and forbids those outcomes; dmasim allows them.
 */
class OrderingLitmusTest {
    /** x at [0..4] and y at [64..68] of a coherent allocation: different cache lines. */
    private static final Map<String, String[]> SHAPES = Map.of(
            "MP.d2c", new String[] {"""
                    let j = async nic {
                        nic writes ring.dma[0..4] = u32(1)
                        nic writes ring.dma[64..68] = u32(1)
                    }
                    let r0 = cpu reads ring.cpu[64..68]
                    """, """
                    let r2 = cpu reads ring.cpu[0..4]
                    wait j
                    expect sometimes (r0 == u32(1) and r2 == u32(0))
                    """},
            "MP.c2d", new String[] {"""
                    let j = async nic via writel_relaxed {
                        let a = nic reads ring.dma[64..68]
                        let b = nic reads ring.dma[0..4]
                    }
                    cpu writes ring.cpu[0..4] = u32(1)
                    """, """
                    cpu writes ring.cpu[64..68] = u32(1)
                    wait j
                    expect sometimes (j.a == u32(1) and j.b == u32(0))
                    """},
            "SB", new String[] {"""
                    let j = async nic {
                        nic writes ring.dma[64..68] = u32(1)
                        let b = nic reads ring.dma[0..4]
                    }
                    cpu writes ring.cpu[0..4] = u32(1)
                    """, """
                    let r2 = cpu reads ring.cpu[64..68]
                    wait j
                    expect sometimes (r2 == u32(0) and j.b == u32(0))
                    """},
            "LB", new String[] {"""
                    let j = async nic {
                        let a = nic reads ring.dma[64..68]
                        nic writes ring.dma[0..4] = u32(1)
                    }
                    let r0 = cpu reads ring.cpu[0..4]
                    """, """
                    cpu writes ring.cpu[64..68] = u32(1)
                    wait j
                    expect sometimes (r0 == u32(1) and j.a == u32(1))
                    """},
            "2+2W", new String[] {"""
                    let j = async nic {
                        nic writes ring.dma[64..68] = u32(1)
                        nic writes ring.dma[0..4] = u32(2)
                    }
                    cpu writes ring.cpu[0..4] = u32(1)
                    """, """
                    cpu writes ring.cpu[64..68] = u32(2)
                    wait j
                    let fx = cpu reads ring.cpu[0..4]
                    let fy = cpu reads ring.cpu[64..68]
                    expect sometimes (fx == u32(1) and fy == u32(1))
                    """});

    /** One line of herd7-verdicts.txt. */
    record Verdict(String arch, String model, String shape, String barrier, boolean allowed, String line) {
    }

    static List<Verdict> verdicts() throws IOException {
        List<Verdict> out = new ArrayList<>();
        try (InputStream in = OrderingLitmusTest.class.getResourceAsStream("/litmus/herd7-verdicts.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                // arch model Observation NAME Sometimes|Never P N
                String name = f[3];
                int plus = name.lastIndexOf('+');
                out.add(new Verdict(f[0], f[1], name.substring(0, plus), name.substring(plus + 1),
                        f[4].equals("Sometimes"), line));
            }
        }
        return out;
    }

    /** What dmasim must say: herd7's verdict, except arm64's smp_* barriers (see the class comment). */
    static boolean expected(Verdict v) {
        return v.allowed || (v.arch.equals("arm64") && v.barrier.startsWith("smp_"));
    }

    static String scenario(Verdict v) {
        String[] shape = SHAPES.get(v.shape);
        return "arch " + v.arch + "\ndevice nic { dma_mask: 64 }\nlet ring = dma_alloc_coherent(nic, 4KiB)\n"
                + shape[0] + (v.barrier.equals("none") ? "" : v.barrier + "()\n") + shape[1]
                + "dma_free_coherent(nic, ring)\n";
    }

    @TestFactory
    Stream<DynamicTest> dmasimGivesHerd7sVerdicts() throws IOException {
        List<Verdict> all = verdicts();
        assertEquals(150, all.size(), "5 shapes x 10 barrier choices x 3 arches");
        return all.stream().map(v -> DynamicTest.dynamicTest(v.arch + " " + v.shape + "+" + v.barrier, () -> {
            String source = scenario(v);
            // every interleaving too (no reduction) with -Poracle, and for the shapes without a barrier
            boolean every = Integer.getInteger("oracle.tries", 2000) > 2000 || v.barrier.equals("none");
            for (boolean reduce : every ? new boolean[] {true, false} : new boolean[] {true}) {
                OracleAgreementTest.Seen seen = OracleAgreementTest.run(source, reduce);
                assertTrue(!seen.verdicts.isEmpty(), "no expectation ran:\n" + source);
                boolean allowed = seen.verdicts.values().iterator().next();
                assertEquals(expected(v), allowed, () -> "herd7: " + v.line + "\n" + (reduce ? "" : "(no POR) ")
                        + "dmasim " + (allowed ? "allows" : "forbids") + " it:\n" + source);
            }
        }));
    }
}
