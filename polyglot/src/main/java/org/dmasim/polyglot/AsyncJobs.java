package org.dmasim.polyglot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dmasim.interpreter.eval.JobRun;
import org.dmasim.interpreter.eval.SourceSite;
import org.dmasim.interpreter.eval.Value;

/**
 * {@code dmasim.async(dev, fn, {after: [...]})} and {@code dmasim.wait(job)}: the guest's form of
 * {@code async DEV after ... { ... }} and {@code wait j}. The callback runs at once on a
 * {@link JobRecorder}; its device calls become the job's steps, written out as the {@code .dma}
 * statements they are, each placed at the line that called it, and run on the same machine. So a
 * job started from JavaScript or Python is the same job as in {@code .dma}: same interleavings,
 * same witnesses, same reports.
 */
final class AsyncJobs {
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ASSIGNED = Pattern.compile("(?:(?:const|let|var)\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*dmasim\\.async");
    private static final Pattern WAITED = Pattern.compile("dmasim\\.wait\\(\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)");

    private final Host host;
    private int jobs;

    AsyncJobs(Host host) {
        this.host = host;
    }

    /** {@code dmasim.async(dev, fn[, {after: [fences]}])}: the job, started. */
    Object start(org.graalvm.polyglot.Value[] args) {
        String usage = "dmasim.async takes a device, a function of the device's steps and optionally {after: [fences]},"
                + " e.g. dmasim.async(nic, d => { d.write(m, 0, 64, 0x5a) })";
        if (args.length < 2 || args.length > 3 || !args[1].canExecute()
                || !(args[0].isProxyObject() && args[0].asProxyObject() instanceof DeviceObject dev)) {
            throw host.error(usage);
        }
        Value after = null;
        if (args.length == 3) {
            Map<String, org.graalvm.polyglot.Value> options = Conversions.entries(args[2]);
            if (options == null || !options.keySet().stream().allMatch("after"::equals)) {
                throw host.error(usage);
            }
            if (options.containsKey("after")) {
                after = host.conversions().toValue(options.get("after"));
            }
        }
        SourceSite at = host.site();
        Value.DeviceValue device = (Value.DeviceValue) dev.value();
        JobRecorder recorder = new JobRecorder(host, new Access(host, device.device()), device.device().name());
        args[1].execute(recorder);

        Map<String, Value> bindings = new LinkedHashMap<>();
        String deviceName = bind(bindings, device.device().name(), device, "job_device");
        String jobName = name(ASSIGNED, at, "job");
        jobs++;
        String afterText = "";
        if (after != null) {
            afterText = " after " + bind(bindings, "job_fences", after, "job_fences");
        }
        PlacedText text = new PlacedText();
        int headerLine = at.line();
        for (JobRecorder.Step s : recorder.steps()) {
            headerLine = Math.min(headerLine, s.site().line());
        }
        if (headerLine < at.line()) {
            // the steps are in a function defined above the call: the job is placed where its code starts
            headerLine = Math.max(1, headerLine - 1);
        }
        text.place(headerLine, headerLine == at.line() ? at.column() : 1,
                "let " + jobName + " = async " + deviceName + afterText + " {", false);
        int n = 0;
        for (JobRecorder.Step s : recorder.steps()) {
            String target = target(bindings, s.target(), n);
            String statement = s.value() == null ? deviceName + " reads " + target
                    : deviceName + " writes " + target + " = " + value(bindings, s.value(), n);
            text.place(s.site().line(), s.site().column(), statement, true);
            n++;
        }
        text.close("}");
        Value job = host.evalPlaced(text.toString(), bindings, jobName);
        return host.conversions().toGuest(job);
    }

    /** {@code dmasim.wait(job)}: the CPU blocks until the job completed. */
    Object await(org.graalvm.polyglot.Value[] args) {
        if (args.length != 1 || !(args[0].isProxyObject() && args[0].asProxyObject() instanceof Wrapped w)
                || !(w.value() instanceof Value.Opaque o && o.object() instanceof JobRun)) {
            throw host.error("dmasim.wait takes a job, from dmasim.async(...)");
        }
        SourceSite at = host.site();
        String name = name(WAITED, at, "job");
        PlacedText text = new PlacedText();
        text.place(at.line(), at.column(), "wait " + name, true);
        Map<String, Value> bindings = new LinkedHashMap<>();
        bindings.put(name, w.value());
        host.evalPlaced(text.toString(), bindings, null);
        return null;
    }

    /** The guest's own name for what the calling line assigns or waits for, else {@code fallback}. */
    private static String name(Pattern p, SourceSite at, String fallback) {
        Matcher m = p.matcher(at.file().text().substring(at.span().start(), at.span().end()));
        return m.find() ? m.group(1) : fallback;
    }

    /** {@code name} bound to {@code v} for the job's text, or a fresh name when it is taken. */
    private static String bind(Map<String, Value> bindings, String name, Value v, String fresh) {
        String chosen = IDENT.matcher(name).matches() && !bindings.containsKey(name) ? name : fresh;
        int k = 2;
        while (bindings.containsKey(chosen)) {
            chosen = fresh + "_" + k++;
        }
        bindings.put(chosen, v);
        return chosen;
    }

    /** The step's target as {@code .dma} text: the handle under its label, sliced where the call sliced it. */
    private static String target(Map<String, Value> bindings, Value target, int n) {
        if (target instanceof Value.Slice s && s.base() instanceof Value.Handle h) {
            String base = bindExisting(bindings, h.handle().label(), s.base(), "target_" + n);
            return base + "[" + s.offset() + ".." + (s.offset() + s.length()) + "]";
        }
        if (target instanceof Value.Handle h) {
            return bindExisting(bindings, h.handle().label(), target, "target_" + n);
        }
        return bind(bindings, "target_" + n, target, "target_" + n);
    }

    /** Reuses a name already bound to the same value (two steps on one handle). */
    private static String bindExisting(Map<String, Value> bindings, String label, Value v, String fresh) {
        if (label != null && v.equals(bindings.get(label))) {
            return label;
        }
        return bind(bindings, label == null ? fresh : label, v, fresh);
    }

    private static String value(Map<String, Value> bindings, Value v, int n) {
        if (v instanceof Value.Int i) {
            return "0x" + Long.toHexString(i.value()).toUpperCase(java.util.Locale.ROOT);
        }
        return bind(bindings, "value_" + n, v, "value_" + n);
    }

    /** {@code .dma} text whose fragments sit at given lines and columns, so positions read as the guest's. */
    static final class PlacedText {
        private final StringBuilder text = new StringBuilder();
        private int line = 1;
        private int column = 1;
        private boolean statementBefore;

        /** Places {@code fragment} at {@code (at, col)}, or right after what is there when that is passed. */
        void place(int at, int col, String fragment, boolean statement) {
            if (at > line) {
                text.append("\n".repeat(at - line));
                line = at;
                column = 1;
                statementBefore = false;
            }
            if (statement && statementBefore) {
                text.append(';');
                column++;
            }
            if (col > column) {
                text.append(" ".repeat(col - column));
                column = col;
            } else if (column > 1) {
                text.append(' ');
                column++;
            }
            text.append(fragment);
            column += fragment.length();
            statementBefore = statement;
        }

        void close(String fragment) {
            text.append(' ').append(fragment);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

}
