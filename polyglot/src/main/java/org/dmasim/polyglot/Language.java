package org.dmasim.polyglot;

import java.nio.file.Path;
import java.util.Optional;

/** The guest languages a scenario may be written in, chosen by the file's extension. */
public enum Language {
    JS("js", ".js", "JavaScript"),
    PYTHON("python", ".py", "Python");

    private final String id;
    private final String extension;
    private final String displayName;

    Language(String id, String extension, String displayName) {
        this.id = id;
        this.extension = extension;
        this.displayName = displayName;
    }

    /** The GraalVM language id ({@code js}, {@code python}). */
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public static Optional<Language> of(Path file) {
        String name = file.getFileName().toString();
        for (Language l : values()) {
            if (name.endsWith(l.extension)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
