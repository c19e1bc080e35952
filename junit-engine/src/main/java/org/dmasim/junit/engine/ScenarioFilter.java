package org.dmasim.junit.engine;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;

/**
 * Which scenarios run, by a glob on their name ({@code --filter}, {@code dmasim.filter}). As in
 * {@code .gitignore}, a glob with a {@code /} is matched against the path below the scenario
 * folder ({@code net/**}), one without against the file name alone ({@code rx-*.dma}); {@code *}
 * stays within a folder, {@code **} crosses folders, {@code {a,b}} is either.
 */
public record ScenarioFilter(String glob) {
    public ScenarioFilter {
        if (glob.isBlank()) {
            throw new IllegalArgumentException("the filter glob is empty");
        }
        FileSystems.getDefault().getPathMatcher("glob:" + glob);
    }

    /** {@code name} as shown, relative to its folder with {@code /} ({@code net/rx.dma}). */
    public boolean matches(String name) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        Path path = Path.of(name);
        return glob.contains("/") ? matcher.matches(path) : matcher.matches(path.getFileName());
    }
}
