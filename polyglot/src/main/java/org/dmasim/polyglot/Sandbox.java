package org.dmasim.polyglot;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.io.IOAccess;

/**
 * Builds the guest contexts under GraalVM's {@link SandboxPolicy#CONSTRAINED} policy (the engine
 * checks the configuration against it): no host classes or host access beyond the exported
 * proxies, no files, environment, threads, processes, native code or exit, output redirected;
 * JavaScript is also bounded in statements (Python's statement limit does not work in 25.0.3:
 * the watchdog covers it).
 */
final class Sandbox {
    private Sandbox() {
    }

    /**
     * One engine per statement limit for the whole process (contexts of an engine must share their
     * limits): a second run in the same JVM (tests, sweeps) reuses the compiled code and the loaded languages.
     */
    private static final Map<Long, Engine> ENGINES = new ConcurrentHashMap<>();
    private static final Map<Long, ResourceLimits> LIMITS = new ConcurrentHashMap<>();

    static Engine engine(long maxStatements) {
        return ENGINES.computeIfAbsent(maxStatements, k -> Engine.newBuilder(Language.JS.id(), Language.PYTHON.id())
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .option("engine.WarnInterpreterOnly", "false")
                .build());
    }

    /** Contexts may not outlive their runs, but the engines stay: close them with the JVM. */
    static Context context(Language language, long maxStatements, OutputStream out, OutputStream err) {
        Engine engine = engine(maxStatements);
        Context.Builder b = Context.newBuilder(language.id())
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(out)
                .err(err)
                .in(new ByteArrayInputStream(new byte[0]))
                .allowAllAccess(false)
                .allowHostAccess(HostAccess.CONSTRAINED)
                .allowHostClassLookup(name -> false)
                .allowHostClassLoading(false)
                .allowIO(IOAccess.NONE)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowInnerContextOptions(false);
        if (language == Language.JS) {
            b.option("js.load", "false")
                    .resourceLimits(LIMITS.computeIfAbsent(maxStatements,
                            k -> ResourceLimits.newBuilder().statementLimit(k, null).build()));
        }
        return b.build();
    }
}
