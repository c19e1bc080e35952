package org.dmasim.api;

/**
 * Where an embedding starts. A host builds one or more {@link Sandbox}es, each with its own
 * limits, and runs scenarios in them:
 *
 * <pre>{@code
 * Sandbox sandbox = Dmasim.builder().arch("arm64").timeout(Duration.ofSeconds(10)).build();
 * Result result = sandbox.run(Path.of("rx.dma"));
 * for (Read read : result.reads()) {
 *     System.out.println(read.position() + " " + read.outcomes());
 * }
 * }</pre>
 */
public final class Dmasim {
    private Dmasim() {
    }

    /** A builder with the limits of {@code dmasim run}: 30 s, 50,000,000 steps, 100,000 executions. */
    public static SandboxBuilder builder() {
        return new SandboxBuilder();
    }

    /** A sandbox with the default limits ({@code builder().build()}). */
    public static Sandbox sandbox() {
        return builder().build();
    }

    /** The version of dmasim, as {@code dmasim --version} prints it, or {@code unknown} when run from classes. */
    public static String version() {
        String v = Dmasim.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
