package org.dmasim.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.dmasim.bench.BenchRunner;
import org.dmasim.bench.Scenarios;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bulk target: 256 MiB CPU write + dma_sync_single_for_device + device read on arm64
 * non-coherent, beside {@code System.arraycopy} of the same size. Bandwidth = 256 MiB / score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class BulkBench {
    private Scenarios.Bulk bulk;
    private Scenarios.Memcpy memcpy;

    @Setup
    public void setup() {
        bulk = new Scenarios.Bulk(BenchRunner.BULK);
        memcpy = new Scenarios.Memcpy(BenchRunner.BULK);
    }

    @Benchmark
    public long dmaRound() {
        return bulk.round();
    }

    @Benchmark
    public long memcpy() {
        return memcpy.round();
    }
}
