package org.dmasim.fuzz;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The jqwik arbitraries of generated programs: a {@link Header} and a list of {@link Op}s. The
 * ops are raw choices interpreted against what exists ({@link ProgramWriter}), so jqwik's shrinking
 * (fewer ops, smaller numbers) keeps programs valid and ends at a minimal reproducer.
 */
final class Programs {
    private Programs() {
    }

    /** A generated program. */
    record Program(Header header, List<Op> ops) {
        List<Code.S> code(boolean js) {
            return ProgramWriter.write(header, ops, js);
        }

        String dma() {
            return DmaPrinter.program(code(false));
        }

        @Override
        public String toString() {
            return dma();
        }
    }

    static Arbitrary<Program> programs(int maxOps) {
        return Combinators.combine(headers(), ops().list().ofMinSize(1).ofMaxSize(maxOps)).as(Program::new);
    }

    /** Programs whose every step has a JavaScript form. */
    static Arbitrary<Program> translatable(int maxOps) {
        return Combinators.combine(headers(), ops().filter(op -> op.kind().translatable()).list().ofMinSize(1)
                .ofMaxSize(maxOps)).as(Program::new);
    }

    /** Programs that lean on device jobs, waits, fences and reservation objects (and what they act on). */
    static Arbitrary<Program> concurrent(int maxOps) {
        return Combinators.combine(headers(), ops(java.util.Set.of(Op.Kind.ASYNC, Op.Kind.WAIT, Op.Kind.FENCE,
                Op.Kind.RESV, Op.Kind.MAP_SINGLE, Op.Kind.ALLOC_PAGES, Op.Kind.HEAP_ALLOC, Op.Kind.COHERENT,
                Op.Kind.CPU_READ, Op.Kind.SYNC)).list().ofMinSize(1).ofMaxSize(maxOps)).as(Program::new);
    }

    static Arbitrary<Op> ops() {
        return ops(java.util.Set.of());
    }

    /** Steps, the {@code boosted} kinds eight times as often as their weight says. */
    static Arbitrary<Op> ops(java.util.Set<Op.Kind> boosted) {
        List<Tuple.Tuple2<Integer, Arbitrary<? extends Op.Kind>>> kinds = new ArrayList<>();
        for (Op.Kind k : Op.Kind.values()) {
            kinds.add(Tuple.of(k.weight * (boosted.contains(k) ? 8 : 1), Arbitraries.just(k)));
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        Arbitrary<Op.Kind> kind = Arbitraries.frequencyOf(kinds.toArray(new Tuple.Tuple2[0]));
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1 << 20);
        return Combinators.combine(kind, pick, pick, pick, Arbitraries.longs(), Arbitraries.longs(),
                Arbitraries.integers()).as(Op::new);
    }

    static Arbitrary<Header> headers() {
        Arbitrary<Integer> arch = Arbitraries.integers().between(0, 127);
        Arbitrary<Integer> machine = Arbitraries.integers().between(0, 15);
        Arbitrary<Long> ram = pool(new long[] {64L << 20, 256L << 20, 1L << 30, 4L << 30, 8L << 30, 16L << 30},
                new long[] {0, 4095, 1L << 40, 1L << 62, 3L << 30});
        Arbitrary<Long> ramBase = pool(new long[] {0, 0x8000_0000L, 0x1_0000_0000L, 0x4000_0000L},
                new long[] {4095, Long.MIN_VALUE, -4096});
        Arbitrary<Long> swiotlb = pool(new long[] {64L << 20, 0, 4L << 20, 2048},
                new long[] {1L << 30, 3000, 1L << 40});
        Arbitrary<Long> budget = pool(Header.BUDGETS, new long[] {0, 4096, 1L << 40});
        Arbitrary<List<Header.Dev>> devices = devices().list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<Integer> extreme = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(0)), Tuple.of(3, Arbitraries.just(5)),
                Tuple.of(2, Arbitraries.just(20)), Tuple.of(1, Arbitraries.just(50)));
        Arbitrary<Integer> wrong = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just(0)), Tuple.of(3, Arbitraries.just(3)),
                Tuple.of(2, Arbitraries.just(10)), Tuple.of(1, Arbitraries.just(30)));
        return Combinators.combine(arch, machine, ram, ramBase, swiotlb, budget, devices, extreme)
                .flatAs((a, m, r, rb, s, b, d, e) -> wrong.map(wr -> new Header(a, m, r, rb, s, b, d, e, wr)));
    }

    static Arbitrary<Header.Dev> devices() {
        Arbitrary<Integer> preset = Arbitraries.frequencyOf(Tuple.of(70, Arbitraries.just(-1)),
                Tuple.of(25, Arbitraries.integers().between(0, Header.PRESETS.length - 1)), Tuple.of(1, Arbitraries.just(99)));
        Arbitrary<Integer> mask = Arbitraries.frequencyOf(Tuple.of(60, Arbitraries.of(24, 32, 36, 40, 48, 64, 64, 64)),
                Tuple.of(1, Arbitraries.of(0, 1, 12, 65, 1000)));
        Arbitrary<Integer> coherent = Arbitraries.integers().between(0, 2);
        Arbitrary<Integer> flags = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just(0)),
                Tuple.of(5, Arbitraries.integers().between(0, 127)));
        Arbitrary<Integer> driver = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(-1)),
                Tuple.of(2, Arbitraries.integers().between(0, 3)));
        Arbitrary<Long> vram = Arbitraries.frequencyOf(Tuple.of(7, Arbitraries.just(0L)),
                Tuple.of(3, Arbitraries.of(16L << 20, 256L << 20, 1L << 30)),
                Tuple.of(1, Arbitraries.of(1L, 1L << 40, 1L << 62, -1L)));
        Arbitrary<Long> offset = Arbitraries.frequencyOf(Tuple.of(17, Arbitraries.just(0L)),
                Tuple.of(2, Arbitraries.of(0x8000_0000L, 0x1_0000_0000L)), Tuple.of(1, Arbitraries.of(-1L, Long.MIN_VALUE, 1L << 62)));
        return Combinators.combine(preset, mask, coherent, flags, driver, vram, offset).as(Header.Dev::new);
    }

    /** Mostly {@code usual}, sometimes {@code extreme}. */
    static Arbitrary<Long> pool(long[] usual, long[] extreme) {
        Long[] u = java.util.Arrays.stream(usual).boxed().toArray(Long[]::new);
        Long[] e = java.util.Arrays.stream(extreme).boxed().toArray(Long[]::new);
        return Arbitraries.frequencyOf(Tuple.of(30, Arbitraries.of(u)), Tuple.of(1, Arbitraries.of(e)));
    }
}
