package org.dmasim.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.dmasim.bench.BenchRunner;
import org.dmasim.bench.Scenarios;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Uncertain target: a CPU read of 64 MiB where every line has two values; under 1 s. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class UncertainBench {
    private Scenarios.Uncertain uncertain;

    @Setup(Level.Trial)
    public void setup() {
        uncertain = new Scenarios.Uncertain(BenchRunner.UNCERTAIN);
    }

    @Setup(Level.Iteration)
    public void deviceWrites() {
        uncertain.prepare();
    }

    @Benchmark
    public long readWhole() {
        return uncertain.read();
    }
}
