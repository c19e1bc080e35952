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

/**
 * dma-buf: map_attachment + begin_cpu_access + end_cpu_access + unmap_attachment of a 1 MiB
 * system-heap buffer attached to a non-coherent arm64 importer (four full-range maintenance passes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class DmaBufBench {
    private Scenarios.DmaBuf dmabuf;

    @Setup
    public void setup() {
        dmabuf = new Scenarios.DmaBuf();
    }

    @Benchmark
    public long mapBeginEndUnmap() {
        return dmabuf.round();
    }
}
