package org.dmasim.bench.jmh;

import java.util.concurrent.TimeUnit;
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

/** Small target: map + mapping_error + sync_for_cpu + unmap of 4 KiB, arm64 non-coherent; at most 1 µs. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class SmallBench {
    private Scenarios.Small small;

    @Setup
    public void setup() {
        small = new Scenarios.Small();
    }

    @Benchmark
    public long mapSyncUnmap() {
        return small.triple();
    }
}
