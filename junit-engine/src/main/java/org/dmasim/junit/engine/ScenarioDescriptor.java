package org.dmasim.junit.engine;

import java.nio.file.Path;
import java.util.Set;
import org.dmasim.interpreter.suite.ScenarioFiles;
import org.dmasim.interpreter.suite.ScenarioKinds;
import org.dmasim.interpreter.suite.ScenarioResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;
import org.opentest4j.TestAbortedException;

/**
 * One scenario file: a test named by its path below its folder ({@code net/rx.dma}), tagged with
 * its language ({@code dma}, {@code js}, {@code py}) so tag expressions can pick them. It runs in
 * its own interpreter, like {@code dmasim run}; a failure carries what {@code dmasim run} prints.
 */
final class ScenarioDescriptor extends AbstractTestDescriptor implements Node<ScenarioExecution> {
    static final String SEGMENT = "scenario";
    /** The report entry key the platform's reporting treats as the test's standard output. */
    private static final String STDOUT = "stdout";
    static final String POLYGLOT_MISSING = "polyglot not available";
    static final String FAIL_FAST_SKIP = "not run: an earlier scenario failed (fail fast)";

    private final Path root;
    private final Path file;

    ScenarioDescriptor(UniqueId parent, Path root, Path file) {
        super(parent.append(SEGMENT, ScenarioFiles.displayName(root, file)), ScenarioFiles.displayName(root, file),
                FileSource.from(file.toFile()));
        this.root = root;
        this.file = file;
    }

    /** The path below the folder, with {@code /}. */
    String name() {
        return getDisplayName();
    }

    Path file() {
        return file;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        String name = file.getFileName().toString();
        return Set.of(TestTag.create(name.substring(name.lastIndexOf('.') + 1)));
    }

    @Override
    public SkipResult shouldBeSkipped(ScenarioExecution context) {
        if (ScenarioKinds.forFile(file).isEmpty()) {
            return SkipResult.skip(POLYGLOT_MISSING);
        }
        if (context.failFast() && context.failed().get()) {
            return SkipResult.skip(FAIL_FAST_SKIP);
        }
        return SkipResult.doNotSkip();
    }

    @Override
    public ScenarioExecution execute(ScenarioExecution context, DynamicTestExecutor dynamicTestExecutor) {
        ScenarioResult r = context.suite().run(ScenarioFolderDescriptor.shown(root), ScenarioFolderDescriptor.shown(file));
        context.sink().finished(getUniqueId(), r);
        if (!r.output().isEmpty()) {
            context.listener().reportingEntryPublished(this, ReportEntry.from(STDOUT, r.output()));
        }
        switch (r.status()) {
            case PASSED -> { }
            // shouldBeSkipped() already skips what no kind runs; a kind that gives up still is no pass
            case SKIPPED -> throw new TestAbortedException(r.name() + ": skipped, " + r.note());
            case FAILED -> {
                context.failed().set(true);
                throw new ScenarioFailure(r.failureMessage());
            }
            case ERROR -> {
                context.failed().set(true);
                throw new ScenarioError(r.failureMessage());
            }
        }
        return context;
    }
}
