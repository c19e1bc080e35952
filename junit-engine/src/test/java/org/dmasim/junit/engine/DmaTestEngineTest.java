package org.dmasim.junit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.opentest4j.AssertionFailedError;

class DmaTestEngineTest {
    @TempDir
    Path dir;

    @BeforeEach
    void folder() throws IOException {
        Scenarios.write(dir, "a-pass.dma", Scenarios.PASSING);
        Scenarios.write(dir, "net/b-pass.dma", Scenarios.PASSING);
        Scenarios.write(dir, "c-fail.dma", Scenarios.FAILING);
        Scenarios.write(dir, "d-typo.dma", Scenarios.TYPO);
        Scenarios.write(dir, "e-script.js", "throw new Error('must never pass')");
        Scenarios.write(dir, "target/built.dma", Scenarios.TYPO);
        Scenarios.write(dir, "notes.txt", "not a scenario");
    }

    private static EngineTestKit.Builder kit() {
        return EngineTestKit.engine(new DmaTestEngine());
    }

    private static List<String> names(EngineExecutionResults results, EventType type) {
        return results.testEvents().filter(e -> e.getType() == type)
                .map(e -> e.getTestDescriptor().getDisplayName()).sorted().toList();
    }

    @Test
    void aDirectoryIsOneTestPerScenarioWithOutcomesAsDmasimRunJudgesThem() {
        EngineExecutionResults r = kit().selectors(selectDirectory(dir.toFile())).execute();
        r.testEvents().assertStatistics(s -> s.started(4).succeeded(2).failed(2).skipped(1));
        assertEquals(List.of("a-pass.dma", "net/b-pass.dma"), names(r, EventType.FINISHED).stream()
                .filter(n -> n.contains("pass")).toList());
        // .js runs only with the polyglot module, which this module does not depend on: skipped, never passed
        r.testEvents().assertThatEvents().haveExactly(1,
                event(test("e-script.js"), skippedWithReason(ScenarioDescriptor.POLYGLOT_MISSING)));
        // an expectation that failed is a test failure carrying what `dmasim run` printed
        r.testEvents().assertThatEvents().haveExactly(1, event(test("c-fail.dma"),
                finishedWithFailure(instanceOf(AssertionFailedError.class),
                        message(m -> m.startsWith("c-fail.dma: ") && m.contains("expectation failed")))));
        // a script error is an error, not an assertion failure, and carries the diagnostic
        Throwable typo = failure(r, "d-typo.dma");
        assertFalse(typo instanceof AssertionError, typo.toString());
        assertTrue(typo.getMessage().contains("unknown name 'dma_map_singel'"), typo.getMessage());
        assertEquals(0, typo.getStackTrace().length, "no Java stack trace for a script mistake");
    }

    private static Throwable failure(EngineExecutionResults r, String name) {
        return r.testEvents().finished().filter(e -> e.getTestDescriptor().getDisplayName().equals(name))
                .map(e -> e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .findFirst().orElseThrow();
    }

    @Test
    void scenariosHaveFileSourcesAndALanguageTag() {
        TestDescriptor root = kit().selectors(selectDirectory(dir.toFile())).discover().getEngineDescriptor();
        TestDescriptor folder = root.getChildren().iterator().next();
        assertEquals(dir.getFileName().toString(), folder.getDisplayName());
        TestDescriptor b = folder.getChildren().stream().filter(d -> d.getDisplayName().equals("net/b-pass.dma"))
                .findFirst().orElseThrow();
        assertEquals(FileSource.from(dir.resolve("net/b-pass.dma").toFile()), b.getSource().orElseThrow());
        assertEquals(Set.of("dma"), b.getTags().stream().map(t -> t.getName()).collect(java.util.stream.Collectors.toSet()));
        assertEquals(5, folder.getChildren().size(), "target/ and non-scenario files are left out");
    }

    @Test
    void theOutputOfEveryScenarioIsPublishedAsItsStdout() {
        EngineExecutionResults r = kit().selectors(selectFile(dir.resolve("c-fail.dma").toFile())).execute();
        List<ReportEntry> entries = r.testEvents().reportingEntryPublished()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow()).toList();
        assertEquals(1, entries.size());
        assertTrue(entries.get(0).getKeyValuePairs().get("stdout").contains("expectation failed"), entries.toString());
    }

    @Test
    void aFileIsThatScenarioAlone() {
        EngineExecutionResults r = kit().selectors(selectFile(dir.resolve("net/b-pass.dma").toFile())).execute();
        r.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertEquals(List.of("b-pass.dma"), names(r, EventType.FINISHED));
    }

    @Test
    void aFileBelowTheConfiguredFolderIsNamedBelowIt() {
        EngineExecutionResults r = kit().configurationParameter(EngineSettings.SCENARIOS, dir.toString())
                .selectors(selectFile(dir.resolve("net/b-pass.dma").toFile())).execute();
        assertEquals(List.of("net/b-pass.dma"), names(r, EventType.FINISHED));
    }

    @Test
    void aClasspathRootStandsForTheConfiguredFolder() {
        EngineExecutionResults r = kit().configurationParameter(EngineSettings.SCENARIOS, dir.toString())
                .selectors(roots("target/test-classes", "target/classes"))
                .execute();
        r.testEvents().assertStatistics(s -> s.started(4).skipped(1));
    }

    private static org.junit.platform.engine.DiscoverySelector[] roots(String... paths) {
        Set<Path> set = new java.util.LinkedHashSet<>();
        for (String p : paths) {
            set.add(Path.of(p).toAbsolutePath());
        }
        return selectClasspathRoots(set).toArray(new org.junit.platform.engine.DiscoverySelector[0]);
    }

    @Test
    void aClasspathRootWithoutTheFolderFindsNothingQuietly() {
        var discovery = kit().configurationParameter(EngineSettings.SCENARIOS, dir.resolve("nope").toString())
                .selectors(roots("target/test-classes")).discover();
        assertTrue(discovery.getEngineDescriptor().getChildren().isEmpty());
        assertTrue(discovery.getDiscoveryIssues().isEmpty(), discovery.getDiscoveryIssues().toString());
    }

    @Test
    void theSurefireClassStandsForTheConfiguredFolderAsOneTestSet() {
        var discovery = kit().configurationParameter(EngineSettings.SCENARIOS, dir.toString())
                .selectors(selectClass(ScenariosTest.class)).discover();
        TestDescriptor folder = discovery.getEngineDescriptor().getChildren().iterator().next();
        assertEquals(ClassSource.from(ScenariosTest.class), folder.getSource().orElseThrow());
        assertEquals(5, folder.getChildren().size());
    }

    @Test
    void theSurefireClassWithoutTheFolderIsAnError() {
        var discovery = kit().configurationParameter(EngineSettings.SCENARIOS, dir.resolve("nope").toString())
                .selectors(selectClass(ScenariosTest.class)).discover();
        assertEquals(1, discovery.getDiscoveryIssues().size());
        DiscoveryIssue issue = discovery.getDiscoveryIssues().get(0);
        assertEquals(DiscoveryIssue.Severity.ERROR, issue.severity());
        assertTrue(issue.message().contains(EngineSettings.SCENARIOS), issue.message());
    }

    @Test
    void otherClassesAreNotScenarios() {
        var discovery = kit().selectors(selectClass(DmaTestEngineTest.class)).discover();
        assertTrue(discovery.getEngineDescriptor().getChildren().isEmpty());
    }

    @Test
    void uniqueIdsSelectAFolderOrOneScenario() {
        TestDescriptor root = kit().selectors(selectDirectory(dir.toFile())).discover().getEngineDescriptor();
        TestDescriptor folder = root.getChildren().iterator().next();
        UniqueId fail = folder.getChildren().stream().filter(d -> d.getDisplayName().equals("c-fail.dma"))
                .findFirst().orElseThrow().getUniqueId();
        EngineExecutionResults one = kit().selectors(selectUniqueId(fail)).execute();
        one.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertEquals(fail, one.testEvents().finished().list().get(0).getTestDescriptor().getUniqueId());
        kit().selectors(selectUniqueId(folder.getUniqueId())).execute().testEvents()
                .assertStatistics(s -> s.started(4).skipped(1));
    }

    @Test
    void aFilterGlobWithoutSlashMatchesFileNamesAndWithSlashPaths() {
        assertEquals(List.of("a-pass.dma", "net/b-pass.dma"), discovered(Map.of(EngineSettings.FILTER, "*-pass.dma")));
        assertEquals(List.of("net/b-pass.dma"), discovered(Map.of(EngineSettings.FILTER, "net/**")));
        assertEquals(List.of("c-fail.dma", "e-script.js"), discovered(Map.of(EngineSettings.FILTER, "{c-*,*.js}")));
    }

    @Test
    void shardsSplitTheSortedScenariosRoundRobin() {
        List<String> first = discovered(Map.of(EngineSettings.SHARD, "1/2"));
        List<String> second = discovered(Map.of(EngineSettings.SHARD, "2/2"));
        assertEquals(List.of("a-pass.dma", "d-typo.dma", "net/b-pass.dma"), first);
        assertEquals(List.of("c-fail.dma", "e-script.js"), second);
        assertEquals(List.of("c-fail.dma", "net/b-pass.dma"),
                discovered(Map.of(EngineSettings.SHARD, "2/2", EngineSettings.FILTER, "*.dma")),
                "the shard splits what the filter kept");
    }

    private List<String> discovered(Map<String, String> parameters) {
        return kit().configurationParameters(parameters).selectors(selectDirectory(dir.toFile())).discover()
                .getEngineDescriptor().getDescendants().stream().filter(TestDescriptor::isTest)
                .map(TestDescriptor::getDisplayName).sorted().toList();
    }

    @Test
    void tagsFilterByLanguage() {
        EngineExecutionResults r = kit().selectors(selectDirectory(dir.toFile())).filters(TagFilter.includeTags("js"))
                .execute();
        r.testEvents().assertStatistics(s -> s.started(0).skipped(1));
    }

    @Test
    void failFastSkipsWhatHadNotStartedAfterTheFirstFailure() {
        EngineExecutionResults r = kit().configurationParameter(EngineSettings.FAIL_FAST, "true")
                .selectors(selectDirectory(dir.toFile())).execute();
        // sorted: a-pass runs and passes, c-fail fails, the rest is skipped
        assertEquals(List.of("a-pass.dma", "c-fail.dma"), names(r, EventType.FINISHED));
        r.testEvents().assertThatEvents().haveExactly(2, skippedWithReason(ScenarioDescriptor.FAIL_FAST_SKIP));
        r.testEvents().assertThatEvents().haveExactly(1, skippedWithReason(ScenarioDescriptor.POLYGLOT_MISSING));
    }

    @Test
    void parallelExecutionRunsEveryScenarioOnce() {
        java.util.Map<UniqueId, String> sunk = new java.util.concurrent.ConcurrentHashMap<>();
        EngineExecutionResults r = EngineTestKit.engine(new DmaTestEngine((id, result) -> sunk.merge(id,
                        result.status().label(), (a, b) -> a + "," + b)))
                .configurationParameter(EngineSettings.PARALLEL, "true")
                .configurationParameter(EngineSettings.PARALLEL_CONFIG_PREFIX + "strategy", "fixed")
                .configurationParameter(EngineSettings.PARALLEL_CONFIG_PREFIX + "fixed.parallelism", "2")
                .selectors(selectDirectory(dir.toFile())).execute();
        r.testEvents().assertStatistics(s -> s.started(4).succeeded(2).failed(2).skipped(1));
        assertEquals(List.of("ERROR", "FAIL", "pass", "pass"), sunk.values().stream().sorted().toList());
    }

    @Test
    void malformedSettingsNameTheKey() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(Throwable.class, () -> kit()
                .configurationParameter(EngineSettings.SHARD, "3/2").selectors(selectDirectory(dir.toFile())).discover());
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        assertInstanceOf(IllegalArgumentException.class, cause, e.toString());
        assertTrue(cause.getMessage().contains(EngineSettings.SHARD), cause.getMessage());
    }

    @Test
    void eventsCarryTheEngineId() {
        Event first = kit().selectors(selectDirectory(dir.toFile())).execute().allEvents().list().get(0);
        assertEquals("[engine:dmasim]", first.getTestDescriptor().getUniqueId().toString());
    }
}
