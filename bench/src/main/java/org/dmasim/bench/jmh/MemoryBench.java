package org.dmasim.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.dmasim.bench.BenchRunner;
import org.dmasim.bench.Scenarios;
import org.dmasim.engine.Kernel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The memory scenarios as single shots: the time to build them. Their heap (the targets) is
 * measured by {@code dmasim bench}; run this with {@code -prof gc} to see allocation.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class MemoryBench {
    @Benchmark
    public Kernel touchOneGiB() {
        return Scenarios.touched(BenchRunner.TOUCHED);
    }

    @Benchmark
    public Kernel millionLiveMappings() {
        return Scenarios.liveMappings(BenchRunner.MAPPINGS);
    }
}
