package org.dmasim.polyglot;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.interpreter.eval.SourceSite;
import org.dmasim.interpreter.eval.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The device a {@code dmasim.async} callback receives: its {@code write} and {@code read} calls do not
 * run at once, they become the job's steps, in order, each at the line that called it. The job then
 * runs them interleaved with the CPU as the explorer chooses (docs/concurrency.md).
 */
final class JobRecorder implements ProxyObject {
    /** One device statement of the job: a write of {@code value}, or a read ({@code value} null). */
    record Step(Value target, Value value, SourceSite site) {
    }

    private final Host host;
    private final Access access;
    private final String device;
    private final List<Step> steps = new ArrayList<>();

    JobRecorder(Host host, Access access, String device) {
        this.host = host;
        this.access = access;
        this.device = device;
    }

    List<Step> steps() {
        return steps;
    }

    @Override
    public Object getMember(String key) {
        return switch (key) {
            case "write" -> (ProxyExecutable) args -> host.call(device + ".write", true, site -> {
                if (args.length != 2 && args.length != 4) {
                    throw new GuestError("takes (target, value) or (target, from, to, value), got " + args.length
                            + " arguments");
                }
                steps.add(new Step(access.range(args, args.length - 1),
                        host.conversions().toValue(args[args.length - 1]), (SourceSite) site));
                return null;
            });
            case "read" -> (ProxyExecutable) args -> host.call(device + ".read", true, site -> {
                if (args.length != 1 && args.length != 3) {
                    throw new GuestError("takes (target) or (target, from, to), got " + args.length + " arguments");
                }
                steps.add(new Step(access.range(args, args.length), null, (SourceSite) site));
                return null;
            });
            case "name" -> device;
            default -> null;
        };
    }

    @Override
    public Object getMemberKeys() {
        return ProxyArray.fromArray("write", "read", "name");
    }

    @Override
    public boolean hasMember(String key) {
        return key.equals("write") || key.equals("read") || key.equals("name");
    }

    @Override
    public void putMember(String key, org.graalvm.polyglot.Value value) {
        throw new UnsupportedOperationException("a job's device is read-only");
    }
}
