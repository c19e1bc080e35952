package org.dmasim.junit.engine;

import java.nio.file.Path;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.DirectorySource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * A folder of scenarios: the container whose children are named by their path below it. Selected
 * as a directory ({@code [directory:src/test/scenarios]}) or through {@link ScenariosTest}
 * ({@code [class:org.dmasim.junit.engine.ScenariosTest]}, with a class source, so Surefire reports
 * the scenarios as one test set).
 */
final class ScenarioFolderDescriptor extends AbstractTestDescriptor implements Node<ScenarioExecution> {
    static final String DIRECTORY = "directory";
    static final String CLASS = "class";

    private final Path directory;

    private ScenarioFolderDescriptor(UniqueId id, String displayName, TestSource source, Path directory) {
        super(id, displayName, source);
        this.directory = directory;
    }

    static ScenarioFolderDescriptor ofDirectory(UniqueId parent, Path directory) {
        Path dir = real(directory);
        Path name = dir.getFileName();
        return new ScenarioFolderDescriptor(parent.append(DIRECTORY, key(dir)), name == null ? dir.toString() : name.toString(),
                DirectorySource.from(dir.toFile()), dir);
    }

    static ScenarioFolderDescriptor ofClass(UniqueId parent, Class<?> marker, Path directory) {
        Path dir = real(directory);
        return new ScenarioFolderDescriptor(parent.append(CLASS, marker.getName()), key(dir), ClassSource.from(marker),
                dir);
    }

    /** The folder as a unique-id value: relative to the working directory when below it, with {@code /}. */
    static String key(Path directory) {
        String key = shown(directory).toString().replace(java.io.File.separatorChar, '/');
        return key.isEmpty() ? "." : key;
    }

    /**
     * A path as messages show it: relative to the working directory when below it (as a user
     * types it on the command line, and as IDEs and build logs resolve it), absolute otherwise.
     */
    static Path shown(Path path) {
        Path p = real(path);
        Path cwd = real(Path.of(""));
        return p.startsWith(cwd) ? cwd.relativize(p) : p;
    }

    /**
     * The path with symbolic links resolved where it exists: the platform hands out canonical
     * paths in its file selectors, and names are paths relative to the folder.
     */
    static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (java.io.IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    Path directory() {
        return directory;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }
}
