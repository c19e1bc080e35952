package org.dmasim.interpreter.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The one place that picks a {@link ScenarioKind} for a file, by its extension. */
public final class ScenarioKinds {
    /** Every extension that names a scenario, runnable here or not. */
    public static final List<String> SCENARIO_EXTENSIONS = List.of("dma", "js", "py");

    private static final ScenarioKind DMA = new DmaScenarioKind();

    private ScenarioKinds() {
    }

    /**
     * The kinds the class path provides, looked up on first need: the service look-up opens every
     * jar on the class path (GraalVM's among them, about a tenth of a second), which a {@code .dma}
     * file never needs.
     */
    private static final class Provided {
        static final List<ScenarioKind> KINDS = load();

        private static List<ScenarioKind> load() {
            List<ScenarioKind> kinds = new ArrayList<>();
            for (ScenarioKind k : ServiceLoader.load(ScenarioKind.class, ScenarioKinds.class.getClassLoader())) {
                if (!(k instanceof DmaScenarioKind)) {
                    kinds.add(k);
                }
            }
            return List.copyOf(kinds);
        }
    }

    /** The kind that runs {@code file}, or empty when none on the class path does. */
    public static Optional<ScenarioKind> forFile(Path file) {
        String ext = extension(file);
        if (DMA.extensions().contains(ext)) {
            return Optional.of(DMA);
        }
        for (ScenarioKind k : Provided.KINDS) {
            if (k.extensions().contains(ext)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code file} is a scenario ({@code .dma}, {@code .js}, {@code .py}). */
    public static boolean isScenario(Path file) {
        return SCENARIO_EXTENSIONS.contains(extension(file));
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }
}
