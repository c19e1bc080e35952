package org.dmasim.junit.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dmasim.interpreter.suite.ScenarioFiles;
import org.dmasim.interpreter.suite.ScenarioKinds;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.ClasspathRootSelector;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Turns the platform's selectors into scenario folders and scenarios:
 * <ul>
 * <li>a directory: every scenario below it ({@code target/}, hidden folders and
 *     {@code .dmasimignore} globs left out, as {@code dmasim test} does);
 * <li>a file ({@code .dma}, {@code .js}, {@code .py}): that scenario, named below the configured
 *     scenario folder when it lies there, else below its own folder;
 * <li>a class-path root (IDEs, {@code --scan-classpath}): the configured scenario folder
 *     ({@code src/test/scenarios}) when it exists;
 * <li>the class {@link ScenariosTest} (Surefire): the configured scenario folder;
 * <li>a unique id of this engine: that folder or scenario.
 * </ul>
 */
final class ScenarioSelectorResolver implements SelectorResolver {
    private final EngineSettings settings;
    private final DiscoveryIssueReporter issues;

    ScenarioSelectorResolver(EngineSettings settings, DiscoveryIssueReporter issues) {
        this.settings = settings;
        this.issues = issues;
    }

    @Override
    public Resolution resolve(DirectorySelector selector, Context context) {
        Path dir = selector.getPath();
        return folder(context, parent -> ScenarioFolderDescriptor.ofDirectory(parent, dir));
    }

    @Override
    public Resolution resolve(ClasspathRootSelector selector, Context context) {
        Path dir = settings.scenarios();
        return Files.isDirectory(dir) ? Resolution.selectors(Set.of(selectDirectory(dir.toFile()))) : Resolution.unresolved();
    }

    @Override
    public Resolution resolve(ClassSelector selector, Context context) {
        if (!selector.getClassName().equals(ScenariosTest.class.getName())) {
            return Resolution.unresolved();
        }
        Path dir = settings.scenarios();
        if (!Files.isDirectory(dir)) {
            issues.reportIssue(DiscoveryIssue.create(Severity.ERROR, "dmasim: no scenario folder "
                    + dir.toAbsolutePath().normalize() + " (put scenarios in " + EngineSettings.DEFAULT_SCENARIOS
                    + " or set the configuration parameter " + EngineSettings.SCENARIOS + ")"));
            return Resolution.unresolved();
        }
        return folder(context, parent -> ScenarioFolderDescriptor.ofClass(parent, ScenariosTest.class, dir));
    }

    @Override
    public Resolution resolve(FileSelector selector, Context context) {
        Path file = ScenarioFolderDescriptor.real(selector.getPath());
        if (!ScenarioKinds.isScenario(file) || !Files.isRegularFile(file)) {
            return Resolution.unresolved();
        }
        Path configured = ScenarioFolderDescriptor.real(settings.scenarios());
        Path root = file.startsWith(configured) ? configured : file.getParent();
        return scenario(context, () -> selectDirectory(root.toFile()), file);
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        List<UniqueId.Segment> segments = selector.getUniqueId().getSegments();
        if (segments.size() < 2 || segments.size() > 3) {
            return Resolution.unresolved();
        }
        UniqueId.Segment folder = segments.get(1);
        if (segments.size() == 2) {
            // a match, not more selectors: a scenario's id resolves its folder's id as its parent
            return switch (folder.getType()) {
                case ScenarioFolderDescriptor.DIRECTORY -> Files.isDirectory(Path.of(folder.getValue()))
                        ? folder(context, parent -> ScenarioFolderDescriptor.ofDirectory(parent, Path.of(folder.getValue())))
                        : Resolution.unresolved();
                case ScenarioFolderDescriptor.CLASS -> folder.getValue().equals(ScenariosTest.class.getName())
                        ? resolve(selectClass(ScenariosTest.class), context)
                        : Resolution.unresolved();
                default -> Resolution.unresolved();
            };
        }
        UniqueId.Segment scenario = segments.get(2);
        if (!scenario.getType().equals(ScenarioDescriptor.SEGMENT)) {
            return Resolution.unresolved();
        }
        UniqueId folderId = selector.getUniqueId().removeLastSegment();
        return context.addToParent(() -> selectUniqueId(folderId), parent -> {
            if (!(parent instanceof ScenarioFolderDescriptor f)) {
                return Optional.empty();
            }
            Path file = f.directory().resolve(scenario.getValue()).normalize();
            return Files.isRegularFile(file) ? Optional.of(new ScenarioDescriptor(parent.getUniqueId(), f.directory(), file))
                    : Optional.empty();
        }).map(d -> Resolution.match(Match.exact(d))).orElse(Resolution.unresolved());
    }

    private Resolution folder(Context context, java.util.function.Function<UniqueId, ScenarioFolderDescriptor> create) {
        return context.addToParent(parent -> Optional.of(create.apply(parent.getUniqueId())))
                .map(f -> Resolution.match(Match.exact(f, () -> scenarioFiles(f.directory()))))
                .orElse(Resolution.unresolved());
    }

    private Resolution scenario(Context context, java.util.function.Supplier<DiscoverySelector> folder, Path file) {
        return context.addToParent(folder, parent -> parent instanceof ScenarioFolderDescriptor f
                        ? Optional.of(new ScenarioDescriptor(parent.getUniqueId(), f.directory(), file))
                        : Optional.empty())
                .map(d -> Resolution.match(Match.exact(d)))
                .orElse(Resolution.unresolved());
    }

    /** The folder's scenarios, sorted, as file selectors: resolved in its context, so they land in it. */
    private Set<DiscoverySelector> scenarioFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            issues.reportIssue(DiscoveryIssue.create(Severity.ERROR, "dmasim: no such folder " + dir));
            return Set.of();
        }
        try {
            Set<DiscoverySelector> files = new LinkedHashSet<>();
            for (Path file : ScenarioFiles.find(dir)) {
                files.add(selectFile(file.toFile()));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list scenarios below " + dir, e);
        }
    }
}
