package org.dmasim.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.suite.RunWatcher;
import org.dmasim.interpreter.suite.ScenarioResult;
import org.dmasim.junit.engine.DmaTestEngine;
import org.dmasim.junit.engine.EngineSettings;
import org.dmasim.junit.engine.ResultSink;
import org.dmasim.junit.engine.ScenarioFilter;
import org.dmasim.junit.engine.Shard;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code dmasim test DIR}: every scenario below a folder, run by the dmasim JUnit Platform engine
 * through the platform's launcher (the runner Surefire, Gradle and IDEs use), reported as a
 * streaming table or as KTAP, optionally also as JUnit XML by the platform's XML listener.
 */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Run every scenario (.dma, .js, .py) below DIR, in parallel, and print a row for each as it finishes.",
            "Skips target/ and hidden folders, and the globs listed in DIR/.dmasimignore.",
            "A .js or .py scenario is skipped, never passed, when the polyglot module is not on the class path."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every scenario passed (or was skipped), or the shard has none",
            "1:a scenario failed or has an error",
            "2:usage error: DIR is missing, or no scenario is below it or matches --filter, or the --html pages cannot be written"})
final class TestCommand implements Callable<Integer> {
    enum Format { table, ktap }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "the folder to search for scenarios")
    Path dir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); ktap is KTAP version 1 as KUnit prints it")
    Format format;

    @Option(names = "--filter", paramLabel = "GLOB", converter = FilterConverter.class,
            description = "only scenarios matching GLOB: on the file name, or on the path below DIR when GLOB has a /")
    ScenarioFilter filter;

    @Option(names = "--shard", paramLabel = "I/N", converter = ShardConverter.class,
            description = "only the I-th of N shares of the scenarios (round-robin over the sorted list), to split one"
                    + " suite across CI machines")
    Shard shard;

    @Option(names = "--list", description = "print the scenarios that would run (after --filter and --shard), run none")
    boolean list;

    @Option(names = "--fail-fast", description = "after the first failure, skip the scenarios not yet started")
    boolean failFast;

    @Option(names = "--junit", paramLabel = "OUT.xml", description = "also write a JUnit XML report for CI systems")
    Path junit;

    @Option(names = "--html", paramLabel = "OUT/", description = "also write a self-contained HTML page per scenario"
            + " (as dmasim run --html draws it, with its result and output) and OUT/index.html linking them")
    Path html;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "scenarios run at once (default: the number of processors, ${DEFAULT-VALUE})")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--arch", paramLabel = "A", description = "arch profile to use instead of each script's `arch`")
    String arch;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "wall-clock limit of each scenario (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "50000000",
            description = "step budget of each scenario (default: ${DEFAULT-VALUE})")
    long maxSteps;

    @Option(names = "--max-executions", paramLabel = "N", defaultValue = "100000",
            description = "explore at most N executions of a scenario with device jobs or forks; stopping there marks"
                    + " the run bounded, and nothing is claimed for what was not explored (default: ${DEFAULT-VALUE})")
    int maxExecutions;

    @Option(names = {"-v", "--verbose"}, description = "print the output of every scenario, not only of failed ones")
    boolean verbose;

    @Mixin
    ColorOption colors = new ColorOption();

    /** Extra platform listeners (tests watch the run through them). */
    private final List<TestExecutionListener> watchers;
    /** Whether rows carry {@code [n/N]}: by default, when the output is a terminal. */
    private final Boolean progress;

    TestCommand() {
        this(List.of(), null);
    }

    TestCommand(List<TestExecutionListener> watchers, Boolean progress) {
        this.watchers = watchers;
        this.progress = progress;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (jobs < 1) {
            throw new ParameterException(spec.commandLine(), "-j must be at least 1, not " + jobs);
        }
        if (!Files.isDirectory(dir)) {
            err.println("error: " + dir + ": " + (Files.exists(dir) ? "not a directory" : "no such directory"));
            return ScenarioRunner.SCRIPT_ERROR;
        }
        SuiteReport report = format == Format.ktap ? new KtapReport(out, verbose)
                : new ResultTable(out, progress != null ? progress : ReplCommand.interactive(), verbose, colors.style());
        SuiteListener suite = new SuiteListener(report);
        HtmlSuite pages = null;
        if (html != null && !list) {
            pages = HtmlSuite.in(html, err);
            if (pages == null) {
                return ScenarioRunner.SCRIPT_ERROR;
            }
        }
        HtmlSuite drawn = pages;
        ResultSink sink = drawn == null ? suite : (id, result) -> {
            drawn.finished(result);
            suite.finished(id, result);
        };
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestEngineAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .enableTestExecutionListenerAutoRegistration(false)
                .addTestEngines(new DmaTestEngine(sink, drawn == null ? RunWatcher.NONE : drawn))
                .build());
        TestPlan plan = launcher.discover(request(parameters(shard)));
        List<String> names = scenarios(plan);
        if (names.isEmpty()) {
            if (shard == null || scenarios(launcher.discover(request(parameters(null)))).isEmpty()) {
                err.println("error: no scenarios (.dma, .js, .py) below " + dir
                        + (filter == null ? "" : " match --filter " + filter.glob()));
                return ScenarioRunner.SCRIPT_ERROR;
            }
        }
        if (list) {
            names.forEach(out::println);
            out.flush();
            return ScenarioRunner.PASS;
        }
        return run(launcher, plan, names, report, suite, pages, err);
    }

    private int run(Launcher launcher, TestPlan plan, List<String> names, SuiteReport report, SuiteListener suite,
            HtmlSuite pages, PrintWriter err) throws IOException {
        JunitXml xml = junit == null ? null : new JunitXml(err);
        List<TestExecutionListener> listeners = new ArrayList<>(watchers);
        listeners.add(suite);
        if (xml != null) {
            listeners.add(xml.listener());
        }
        report.start(suiteName(dir), names);
        long start = System.nanoTime();
        launcher.execute(plan, listeners.toArray(TestExecutionListener[]::new));
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        List<ScenarioResult> results = suite.results();
        report.end(results, wall, Math.max(1, Math.min(jobs, names.size())));
        if (xml != null) {
            xml.moveTo(junit);
            report.note("JUnit XML written to " + junit);
        }
        if (pages != null) {
            if (!pages.index(suiteName(dir), results, wall, err)) {
                err.flush();
                return ScenarioRunner.SCRIPT_ERROR;
            }
            report.note("HTML pages written to " + html.resolve("index.html"));
        }
        return results.stream().anyMatch(ScenarioResult::failed) ? ScenarioRunner.FAIL : ScenarioRunner.PASS;
    }

    /** Only what the command line says: no junit-platform.properties or system properties of the user's. */
    private LauncherDiscoveryRequest request(Map<String, String> parameters) {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory(dir.toFile()))
                .configurationParameters(parameters)
                .enableImplicitConfigurationParameters(false)
                .build();
    }

    private Map<String, String> parameters(Shard share) {
        Map<String, String> p = new LinkedHashMap<>();
        if (arch != null) {
            p.put(EngineSettings.ARCH, arch);
        }
        p.put(EngineSettings.TIMEOUT, timeout.toString());
        p.put(EngineSettings.MAX_STEPS, String.valueOf(maxSteps));
        p.put(EngineSettings.MAX_EXECUTIONS, String.valueOf(maxExecutions));
        if (filter != null) {
            p.put(EngineSettings.FILTER, filter.glob());
        }
        if (share != null) {
            p.put(EngineSettings.SHARD, share.toString());
        }
        p.put(EngineSettings.FAIL_FAST, String.valueOf(failFast));
        if (jobs > 1) {
            p.put(EngineSettings.PARALLEL, "true");
            p.put(EngineSettings.PARALLEL_CONFIG_PREFIX + "strategy", "fixed");
            p.put(EngineSettings.PARALLEL_CONFIG_PREFIX + "fixed.parallelism", String.valueOf(jobs));
        }
        return p;
    }

    private static List<String> scenarios(TestPlan plan) {
        List<String> names = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            plan.getDescendants(root).stream().filter(TestIdentifier::isTest).map(TestIdentifier::getDisplayName)
                    .forEach(names::add);
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }

    private static String suiteName(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? "root" : name.toString();
    }

    static final class ShardConverter implements ITypeConverter<Shard> {
        @Override
        public Shard convert(String text) {
            try {
                return Shard.parse(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class FilterConverter implements ITypeConverter<ScenarioFilter> {
        @Override
        public ScenarioFilter convert(String text) {
            try {
                return new ScenarioFilter(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + text + "' is not a glob: " + e.getMessage());
            }
        }
    }
}
