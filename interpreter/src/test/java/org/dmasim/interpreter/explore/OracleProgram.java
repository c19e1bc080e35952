package org.dmasim.interpreter.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A random small concurrent scenario for the brute-force oracle: the CPU and one or two jobs of a
 * non-coherent arm64 device on a streaming mapping, up to six steps on two cache lines, with
 * conditions on reads. Each statement sits on a line of its own, which is how results are keyed.
 */
final class OracleProgram {
    enum Kind { CPU_WRITE, CPU_READ, SYNC_FOR_CPU, SYNC_FOR_DEVICE, CPU_IF, CPU_EXPECT, CPU_POLL, WAIT, ASYNC,
        DEV_WRITE, DEV_READ, DEV_IF, DEV_EXPECT, DEV_POLL }

    enum Quantifier { ALWAYS, SOMETIMES, NEVER }

    /** One statement; {@code then}/{@code otherwise} for ifs, {@code job} for async and wait. */
    static final class Op {
        final Kind kind;
        final int lineIndex;
        /** Which 8-byte window of the line: bytes [0..8) or [16..24); 2 (plain reads only): both. */
        int window;
        final int value;
        final Quantifier q;
        final int job;
        final List<Op> then = new ArrayList<>();
        final List<Op> otherwise = new ArrayList<>();
        /** The source line, set when rendered. */
        int line;

        Op(Kind kind, int lineIndex, int value, Quantifier q, int job) {
            this.kind = kind;
            this.lineIndex = lineIndex;
            this.value = value;
            this.q = q;
            this.job = job;
        }
    }

    static final int PRELUDE_LINES = 5;

    final List<Op> cpu = new ArrayList<>();
    final List<List<Op>> jobs = new ArrayList<>();
    String source;

    static OracleProgram random(Random rnd) {
        OracleProgram p = new OracleProgram();
        int jobCount = 1 + rnd.nextInt(2);
        int budget = 2 + rnd.nextInt(5);
        for (int j = 0; j < jobCount; j++) {
            p.jobs.add(new ArrayList<>());
        }
        // the steps, spread over the CPU and the jobs; every job gets at least one
        List<Integer> owners = new ArrayList<>();
        for (int j = 0; j < jobCount; j++) {
            owners.add(j + 1);
        }
        while (owners.size() < budget) {
            owners.add(rnd.nextInt(jobCount + 1));
        }
        java.util.Collections.shuffle(owners, rnd);
        int steps = 0;
        List<Op> cpuOps = new ArrayList<>();
        for (int owner : owners) {
            if (steps >= 6) {
                break;
            }
            if (owner == 0) {
                Op op = cpuOp(rnd, jobCount);
                steps += size(op);
                cpuOps.add(op);
            } else {
                Op op = jobOp(rnd);
                steps += size(op);
                p.jobs.get(owner - 1).add(op);
            }
        }
        // the jobs start somewhere among the CPU's statements, in order
        List<Integer> starts = new ArrayList<>();
        for (int j = 0; j < jobCount; j++) {
            starts.add(rnd.nextInt(cpuOps.size() + 1));
        }
        starts.sort(null);
        int next = 0;
        for (int i = 0; i <= cpuOps.size(); i++) {
            while (next < jobCount && starts.get(next) == i) {
                p.cpu.add(new Op(Kind.ASYNC, 0, 0, null, next++));
            }
            if (i < cpuOps.size()) {
                p.cpu.add(cpuOps.get(i));
            }
        }
        // waits that refer to jobs not yet started move to the end
        List<Op> late = new ArrayList<>();
        java.util.Set<Integer> started = new java.util.HashSet<>();
        for (java.util.Iterator<Op> it = p.cpu.iterator(); it.hasNext(); ) {
            Op op = it.next();
            if (op.kind == Kind.ASYNC) {
                started.add(op.job);
            } else if (op.kind == Kind.WAIT && !started.contains(op.job)) {
                it.remove();
                late.add(op);
            }
        }
        p.cpu.addAll(late);
        for (Op op : p.cpu) {
            windows(op, rnd);
        }
        for (List<Op> j : p.jobs) {
            for (Op op : j) {
                windows(op, rnd);
            }
        }
        p.render();
        return p;
    }

    private static void windows(Op op, Random rnd) {
        boolean plainRead = op.kind == Kind.CPU_READ || op.kind == Kind.DEV_READ;
        op.window = plainRead && rnd.nextInt(3) == 0 ? 2 : rnd.nextInt(3) == 0 ? 1 : 0;
        op.then.forEach(t -> windows(t, rnd));
        op.otherwise.forEach(t -> windows(t, rnd));
    }

    private static int size(Op op) {
        return 1 + op.then.stream().mapToInt(OracleProgram::size).sum()
                + op.otherwise.stream().mapToInt(OracleProgram::size).sum();
    }

    private static Op cpuOp(Random rnd, int jobs) {
        int l = rnd.nextInt(2);
        int v = 1 + rnd.nextInt(3);
        return switch (rnd.nextInt(11)) {
            case 10 -> new Op(Kind.CPU_POLL, l, v, null, 0);
            case 0, 1 -> new Op(Kind.CPU_WRITE, l, v, null, 0);
            case 2, 3 -> new Op(Kind.CPU_READ, l, 0, null, 0);
            case 4 -> new Op(Kind.SYNC_FOR_CPU, 0, 0, null, 0);
            case 5 -> new Op(Kind.SYNC_FOR_DEVICE, 0, 0, null, 0);
            case 6 -> {
                Op op = new Op(Kind.CPU_IF, l, v, null, 0);
                op.then.add(simpleCpuOp(rnd));
                if (rnd.nextBoolean()) {
                    op.otherwise.add(simpleCpuOp(rnd));
                }
                yield op;
            }
            case 7 -> new Op(Kind.CPU_EXPECT, l, v, Quantifier.values()[rnd.nextInt(3)], 0);
            default -> new Op(Kind.WAIT, 0, 0, null, rnd.nextInt(jobs));
        };
    }

    private static Op simpleCpuOp(Random rnd) {
        int l = rnd.nextInt(2);
        int v = 1 + rnd.nextInt(3);
        return switch (rnd.nextInt(3)) {
            case 0 -> new Op(Kind.CPU_WRITE, l, v, null, 0);
            case 1 -> new Op(Kind.CPU_READ, l, 0, null, 0);
            default -> new Op(Kind.SYNC_FOR_CPU, 0, 0, null, 0);
        };
    }

    private static Op jobOp(Random rnd) {
        int l = rnd.nextInt(2);
        int v = 1 + rnd.nextInt(3);
        return switch (rnd.nextInt(9)) {
            case 0, 1, 2 -> new Op(Kind.DEV_WRITE, l, v, null, 0);
            case 3, 4 -> new Op(Kind.DEV_READ, l, 0, null, 0);
            case 5 -> {
                Op op = new Op(Kind.DEV_IF, l, v, null, 0);
                op.then.add(simpleJobOp(rnd));
                if (rnd.nextBoolean()) {
                    op.otherwise.add(simpleJobOp(rnd));
                }
                yield op;
            }
            case 6, 7 -> new Op(Kind.DEV_EXPECT, l, v, Quantifier.values()[rnd.nextInt(3)], 0);
            default -> new Op(Kind.DEV_POLL, l, v, null, 0);
        };
    }

    private static Op simpleJobOp(Random rnd) {
        int l = rnd.nextInt(2);
        return rnd.nextBoolean() ? new Op(Kind.DEV_WRITE, l, 1 + rnd.nextInt(3), null, 0)
                : new Op(Kind.DEV_READ, l, 0, null, 0);
    }

    // ---- the .dma text

    private final StringBuilder text = new StringBuilder();
    private int lines;

    private void line(String s) {
        text.append(s).append('\n');
        lines++;
    }

    private void render() {
        line("arch arm64");
        line("device nic { dma_mask: 64, coherent: false }");
        line("let buf = alloc_pages(4KiB)");
        line("let m = dma_map_single(nic, buf, DMA_BIDIRECTIONAL)");
        line("expect not dma_mapping_error(nic, m)");
        for (Op op : cpu) {
            render(op, "");
        }
        source = text.toString();
    }

    /** Window 0 is bytes [0..8) of the line, 1 is [16..24), 2 both: [0..24). */
    private static String range(String view, int l, int w) {
        if (w == 2) {
            return view + "[" + (l * 64) + ".." + (l * 64 + 24) + "]";
        }
        return view + "[" + (l * 64 + 16 * w) + ".." + (l * 64 + 16 * w + 8) + "]";
    }

    private void render(Op op, String indent) {
        String cb = range("buf", op.lineIndex, op.window);
        String db = range("m", op.lineIndex, op.window);
        String q = op.q == null || op.q == Quantifier.ALWAYS ? "" : op.q.name().toLowerCase() + " ";
        op.line = lines + 1;
        switch (op.kind) {
            case CPU_WRITE -> line(indent + "cpu writes " + cb + " = " + op.value);
            case CPU_READ -> line(indent + "cpu reads " + cb);
            case SYNC_FOR_CPU -> line(indent + "dma_sync_single_for_cpu(nic, m, 4KiB, DMA_BIDIRECTIONAL)");
            case SYNC_FOR_DEVICE -> line(indent + "dma_sync_single_for_device(nic, m, 4KiB, DMA_BIDIRECTIONAL)");
            case CPU_EXPECT -> line(indent + "expect " + q + "cpu reads " + cb + " == " + op.value);
            case WAIT -> line(indent + "wait j" + op.job);
            case CPU_POLL -> line(indent + "wait until cpu reads " + cb + " == " + op.value);
            case DEV_WRITE -> line(indent + "nic writes " + db + " = " + op.value);
            case DEV_READ -> line(indent + "nic reads " + db);
            case DEV_EXPECT -> line(indent + "expect " + q + "nic reads " + db + " == " + op.value);
            case DEV_POLL -> line(indent + "wait until nic reads " + db + " == " + op.value);
            case CPU_IF, DEV_IF -> {
                String actor = op.kind == Kind.CPU_IF ? "cpu reads " + cb : "nic reads " + db;
                line(indent + "if " + actor + " == " + op.value + " {");
                for (Op t : op.then) {
                    render(t, indent + "    ");
                }
                if (op.otherwise.isEmpty()) {
                    line(indent + "}");
                } else {
                    line(indent + "} else {");
                    for (Op t : op.otherwise) {
                        render(t, indent + "    ");
                    }
                    line(indent + "}");
                }
            }
            case ASYNC -> {
                line(indent + "let j" + op.job + " = async nic {");
                for (Op t : jobs.get(op.job)) {
                    render(t, indent + "    ");
                }
                line(indent + "}");
            }
        }
    }
}
