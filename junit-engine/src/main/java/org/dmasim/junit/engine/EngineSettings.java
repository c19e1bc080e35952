package org.dmasim.junit.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.dmasim.interpreter.DurationText;
import org.dmasim.interpreter.ScenarioRunner;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The engine's configuration parameters, read once per discovery and once per execution. They are
 * set like any JUnit Platform parameter: {@code junit-platform.properties} on the test class path,
 * Surefire's {@code <configurationParameters>}, Gradle's {@code systemProperty}, the console
 * launcher's {@code --config}.
 *
 * @param scenarios the folder that a class-path root selector, or the {@link ScenariosTest} class
 *     that Surefire selects, stands for; relative to the working directory
 * @param options what {@code dmasim run} takes: arch override, time and step limits
 * @param filter only the scenarios whose path matches this glob, or empty for all
 * @param shard only this share of the scenarios, or empty for all
 * @param failFast skip the scenarios not yet started once one has failed
 * @param parallel run scenarios at once on the platform's fork-join pool
 */
public record EngineSettings(Path scenarios, ScenarioRunner.Options options, Optional<ScenarioFilter> filter,
        Optional<Shard> shard, boolean failFast, boolean parallel) {
    public static final String SCENARIOS = "dmasim.scenarios";
    public static final String DEFAULT_SCENARIOS = "src/test/scenarios";
    public static final String FILTER = "dmasim.filter";
    public static final String SHARD = "dmasim.shard";
    public static final String FAIL_FAST = "dmasim.failfast";
    public static final String ARCH = "dmasim.arch";
    public static final String TIMEOUT = "dmasim.timeout";
    public static final String MAX_STEPS = "dmasim.maxsteps";
    public static final String MAX_EXECUTIONS = "dmasim.maxexecutions";
    public static final String PARALLEL = "dmasim.execution.parallel.enabled";
    /** Prefix of the platform's parallel-execution strategy keys ({@code strategy}, {@code fixed.parallelism}, ...). */
    public static final String PARALLEL_CONFIG_PREFIX = "dmasim.execution.parallel.config.";

    /** Reads every key; a malformed value is an {@link IllegalArgumentException} naming the key. */
    public static EngineSettings from(ConfigurationParameters p) {
        ScenarioRunner.Options defaults = ScenarioRunner.Options.defaults();
        Duration timeout = p.get(TIMEOUT, text -> parse(TIMEOUT, text, DurationText::parse))
                .orElse(defaults.timeout());
        long steps = p.get(MAX_STEPS, text -> parse(MAX_STEPS, text, Long::parseLong)).orElse(defaults.stepBudget());
        int executions = p.get(MAX_EXECUTIONS, text -> parse(MAX_EXECUTIONS, text, Integer::parseInt))
                .orElse(defaults.maxExecutions());
        ScenarioRunner.Options options = new ScenarioRunner.Options(p.get(ARCH).orElse(null), timeout, steps, false)
                .withExploration(executions, true);
        return new EngineSettings(
                Path.of(p.get(SCENARIOS).orElse(DEFAULT_SCENARIOS)),
                options,
                p.get(FILTER, text -> parse(FILTER, text, ScenarioFilter::new)),
                p.get(SHARD, text -> parse(SHARD, text, Shard::parse)),
                p.getBoolean(FAIL_FAST).orElse(false),
                p.getBoolean(PARALLEL).orElse(false));
    }

    private static <T> T parse(String key, String text, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("configuration parameter " + key + "=" + text + ": " + e.getMessage(), e);
        }
    }
}
