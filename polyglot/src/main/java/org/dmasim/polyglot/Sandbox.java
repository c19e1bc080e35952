package org.dmasim.polyglot;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.io.IOAccess;

/**
 * Builds the guest contexts: no host classes or host access beyond the exported proxies, no
 * files, environment, threads, processes or native code; JavaScript is also bounded in
 * statements (Python's statement limit does not work in 25.0.3: the watchdog covers it).
 */
final class Sandbox {
    private Sandbox() {
    }

    static Engine engine(OutputStream out, OutputStream err) {
        return Engine.newBuilder()
                .out(out)
                .err(err)
                .option("engine.WarnInterpreterOnly", "false")
                .build();
    }

    /** @param onStatementLimit called when a JavaScript run exceeds {@code maxStatements} */
    static Context context(Engine engine, Language language, long maxStatements, Runnable onStatementLimit,
            OutputStream out, OutputStream err) {
        Context.Builder b = Context.newBuilder(language.id())
                .engine(engine)
                .out(out)
                .err(err)
                .in(new ByteArrayInputStream(new byte[0]))
                .allowAllAccess(false)
                .allowHostAccess(HostAccess.EXPLICIT)
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
                    .resourceLimits(ResourceLimits.newBuilder()
                            .statementLimit(maxStatements, null)
                            .onLimit(event -> onStatementLimit.run())
                            .build());
        }
        return b.build();
    }
}
