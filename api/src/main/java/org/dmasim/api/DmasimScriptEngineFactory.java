package org.dmasim.api;

import java.util.List;
import java.util.stream.Collectors;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;

/**
 * Makes dmasim a {@code javax.script} (JSR-223) language: {@code new ScriptEngineManager()}
 * finds it by the names {@code dmasim} and {@code dma}, the extension {@code dma} and the MIME
 * type {@value #MIME_TYPE} (it is registered in {@code META-INF/services}). Each engine it
 * makes is a {@link DmasimScriptEngine} over a sandbox with the default limits.
 */
public final class DmasimScriptEngineFactory implements ScriptEngineFactory {
    /** The MIME type of {@code .dma} scenarios. */
    public static final String MIME_TYPE = "text/x-dmasim";

    /** A factory; {@link javax.script.ScriptEngineManager} makes one through the service registration. */
    public DmasimScriptEngineFactory() {
    }

    /** {@code dmasim}. */
    @Override
    public String getEngineName() {
        return "dmasim";
    }

    /** The version of dmasim. */
    @Override
    public String getEngineVersion() {
        return Dmasim.version();
    }

    /** {@code dma}. */
    @Override
    public List<String> getExtensions() {
        return List.of("dma");
    }

    /** {@value #MIME_TYPE}. */
    @Override
    public List<String> getMimeTypes() {
        return List.of(MIME_TYPE);
    }

    /** {@code dmasim} and {@code dma}. */
    @Override
    public List<String> getNames() {
        return List.of("dmasim", "dma");
    }

    /** {@code dma}, the scenario language. */
    @Override
    public String getLanguageName() {
        return "dma";
    }

    /** The version of dmasim, which defines the language. */
    @Override
    public String getLanguageVersion() {
        return Dmasim.version();
    }

    /**
     * The standard parameters ({@link ScriptEngine#ENGINE}, {@link ScriptEngine#NAME}...), and
     * {@code THREADING}: {@code MULTITHREADED}, since an engine takes evaluations from any thread
     * one at a time.
     */
    @Override
    public Object getParameter(String key) {
        return switch (key) {
            case ScriptEngine.ENGINE -> getEngineName();
            case ScriptEngine.ENGINE_VERSION -> getEngineVersion();
            case ScriptEngine.NAME -> getNames().get(0);
            case ScriptEngine.LANGUAGE -> getLanguageName();
            case ScriptEngine.LANGUAGE_VERSION -> getLanguageVersion();
            case "THREADING" -> "MULTITHREADED";
            default -> null;
        };
    }

    /** dmasim has no methods: {@code m(obj, args)}, the way its builtins take the object they act on first. */
    @Override
    public String getMethodCallSyntax(String obj, String m, String... args) {
        StringBuilder b = new StringBuilder(m).append('(').append(obj);
        for (String a : args) {
            b.append(", ").append(a);
        }
        return b.append(')').toString();
    }

    /** {@code print("text")}. */
    @Override
    public String getOutputStatement(String toDisplay) {
        return "print(" + HostValues.literal(toDisplay) + ")";
    }

    /** The statements, one per line. */
    @Override
    public String getProgram(String... statements) {
        return List.of(statements).stream().collect(Collectors.joining("\n", "", "\n"));
    }

    /** A new engine with its own session, over a sandbox with the default limits. */
    @Override
    public ScriptEngine getScriptEngine() {
        return new DmasimScriptEngine(this, Dmasim.sandbox());
    }
}
