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

    private static final List<ScenarioKind> KINDS = load();

    private ScenarioKinds() {
    }

    private static List<ScenarioKind> load() {
        List<ScenarioKind> kinds = new ArrayList<>();
        kinds.add(new DmaScenarioKind());
        for (ScenarioKind k : ServiceLoader.load(ScenarioKind.class, ScenarioKinds.class.getClassLoader())) {
            if (!(k instanceof DmaScenarioKind)) {
                kinds.add(k);
            }
        }
        return List.copyOf(kinds);
    }

    /** The kind that runs {@code file}, or empty when none on the class path does. */
    public static Optional<ScenarioKind> forFile(Path file) {
        String ext = extension(file);
        return KINDS.stream().filter(k -> k.extensions().contains(ext)).findFirst();
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
