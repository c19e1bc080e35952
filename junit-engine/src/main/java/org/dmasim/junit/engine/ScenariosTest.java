package org.dmasim.junit.engine;

/**
 * Stands for the scenario folder ({@code src/test/scenarios}, or {@code dmasim.scenarios}) where a
 * build tool runs only test classes. Maven Surefire sends the JUnit Platform nothing but the
 * classes it finds, so a project with no Java tests runs no scenario; with
 * {@code <dependenciesToScan>org.dmasim:dmasim-junit-engine</dependenciesToScan>} Surefire finds
 * this class in the engine's jar (its name matches Surefire's default {@code *Test} pattern) and
 * selects it, and the engine runs every scenario of the folder in its place. The class has no
 * test methods: other engines (Jupiter) find nothing in it.
 */
public final class ScenariosTest {
    private ScenariosTest() {
    }
}
