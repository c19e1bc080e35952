package org.dmasim.engine;

/**
 * Where in the caller's program an engine call comes from. The engine never looks inside:
 * it only keeps sites in reports and witnesses, and renders them with {@code toString()}
 * (the interpreter's sites print as {@code line:col}).
 */
public interface Site {
    /** A site for calls that come from no source position (tests, the engine itself). */
    Site NONE = new Site() {
        @Override
        public String toString() {
            return "?";
        }
    };
}
