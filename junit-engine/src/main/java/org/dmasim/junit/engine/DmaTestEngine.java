package org.dmasim.junit.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dmasim.interpreter.suite.RunWatcher;
import org.dmasim.interpreter.suite.ScenarioSuite;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.config.PrefixedConfigurationParameters;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;
import org.junit.platform.engine.support.hierarchical.ForkJoinPoolHierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;

/**
 * The JUnit Platform engine {@code dmasim}: scenario files are tests, with no Java class. Found by
 * the platform through {@code META-INF/services}, so Maven Surefire, Gradle, IDEs and the console
 * launcher discover, filter, run and report scenarios like any other tests; {@code dmasim test}
 * runs on the same engine through the platform's launcher. Selectors are resolved by
 * {@link ScenarioSelectorResolver}; {@link EngineSettings} lists the configuration parameters.
 */
public final class DmaTestEngine extends HierarchicalTestEngine<ScenarioExecution> {
    public static final String ID = "dmasim";

    private final ResultSink sink;
    private final RunWatcher watcher;

    /** The engine as the platform loads it. */
    public DmaTestEngine() {
        this(ResultSink.NONE);
    }

    /** An engine that also hands each scenario's full result to {@code sink} ({@code dmasim test}). */
    public DmaTestEngine(ResultSink sink) {
        this(sink, RunWatcher.NONE);
    }

    /** The same, with {@code watcher} seeing every run ({@code dmasim test --html}). */
    public DmaTestEngine(ResultSink sink, RunWatcher watcher) {
        this.sink = sink;
        this.watcher = watcher;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("org.dmasim");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("dmasim-junit-engine");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineSettings settings = EngineSettings.from(request.getConfigurationParameters());
        EngineDescriptor engine = new EngineDescriptor(uniqueId, "dmasim");
        DiscoveryIssueReporter issues = DiscoveryIssueReporter.deduplicating(
                DiscoveryIssueReporter.forwarding(request.getDiscoveryListener(), uniqueId));
        EngineDiscoveryRequestResolver.<EngineDescriptor>builder()
                .addSelectorResolver(context -> new ScenarioSelectorResolver(settings, issues))
                .build()
                .resolve(request, engine, issues);
        select(engine, settings);
        return engine;
    }

    /** Applies the filter, then the shard, over every scenario in the order of their unique ids. */
    private static void select(EngineDescriptor engine, EngineSettings settings) {
        List<ScenarioDescriptor> scenarios = new ArrayList<>();
        for (TestDescriptor d : engine.getDescendants()) {
            if (d instanceof ScenarioDescriptor s) {
                scenarios.add(s);
            }
        }
        scenarios.sort(Comparator.comparing(s -> s.getUniqueId().toString()));
        int position = 0;
        for (ScenarioDescriptor s : scenarios) {
            boolean keep = settings.filter().map(f -> f.matches(s.name())).orElse(true);
            if (keep && settings.shard().isPresent()) {
                keep = settings.shard().get().includes(position++);
            }
            if (!keep) {
                s.removeFromHierarchy();
            }
        }
        for (TestDescriptor folder : List.copyOf(engine.getChildren())) {
            if (folder.getChildren().isEmpty()) {
                folder.removeFromHierarchy();
            }
        }
    }

    @Override
    protected ScenarioExecution createExecutionContext(ExecutionRequest request) {
        EngineSettings settings = EngineSettings.from(request.getConfigurationParameters());
        return new ScenarioExecution(new ScenarioSuite(settings.options(), watcher), settings.failFast(), new AtomicBoolean(),
                sink, request.getEngineExecutionListener());
    }

    @Override
    protected HierarchicalTestExecutorService createExecutorService(ExecutionRequest request) {
        if (EngineSettings.from(request.getConfigurationParameters()).parallel()) {
            return new ForkJoinPoolHierarchicalTestExecutorService(new PrefixedConfigurationParameters(
                    request.getConfigurationParameters(), EngineSettings.PARALLEL_CONFIG_PREFIX));
        }
        return super.createExecutorService(request);
    }
}
