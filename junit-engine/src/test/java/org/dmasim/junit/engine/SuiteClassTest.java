package org.dmasim.junit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Where a build tool runs only test classes and cannot be pointed at the engine's stand-in class
 * (Gradle before 9.4), one {@code @Suite} class selects the folder for the dmasim engine, as
 * README shows: the JUnit Platform suite engine hands the engine a directory selector.
 */
class SuiteClassTest {
    @Suite
    @IncludeEngines("dmasim")
    @SelectDirectories("src/test/scenarios")
    static class ScenariosSuite {
    }

    @Test
    void aSuiteClassRunsTheFolderThroughTheEngine() {
        var results = EngineTestKit.engine("junit-platform-suite").selectors(selectClass(ScenariosSuite.class)).execute();
        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertEquals(List.of("net/tx-coherent-x86.dma", "rx-sync-arm64.dma"), results.testEvents().succeeded()
                .map(e -> e.getTestDescriptor().getDisplayName()).sorted().toList());
    }
}
