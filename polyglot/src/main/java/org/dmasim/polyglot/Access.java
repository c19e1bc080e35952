package org.dmasim.polyglot;

import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.dma.DmaHandle;
import org.dmasim.engine.machine.Device;
import org.dmasim.interpreter.builtins.HandleRange;
import org.dmasim.interpreter.builtins.ViewRange;
import org.dmasim.interpreter.eval.Budget;
import org.dmasim.interpreter.eval.SourceSite;
import org.dmasim.interpreter.eval.Value;
import org.dmasim.interpreter.eval.Values;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * {@code read(target, from, to)} and {@code write(target, from, to, value)} of the CPU (on CPU
 * views) or of a device (on DMA handles): the {@code cpu reads}/{@code nic writes} statements.
 * {@code from}/{@code to} may be left out for the whole object. A read prints like a {@code .dma} read.
 */
final class Access {
    private final Host host;
    private final Device device;

    /** {@code device} null: the CPU. */
    Access(Host host, Device device) {
        this.host = host;
        this.device = device;
    }

    /**
     * {@code judged}: a read the script judges itself, like a read under {@code expect}: not
     * printed, and no STALE_READ report ({@code probe}).
     */
    ProxyExecutable read(boolean judged) {
        return args -> host.event(actor() + (judged ? ".probe" : ".read"), !judged, false, false, site -> {
            if (args.length != 1 && args.length != 3) {
                throw new GuestError("takes (target) or (target, from, to), got " + args.length + " arguments");
            }
            Value target = range(args, args.length);
            ReadResult result;
            if (device == null) {
                ViewRange v = Values.toViewRange(target, "target");
                result = host.kernel().cpuRead(v.view(), v.offset(), v.length(), judged, site);
            } else {
                HandleRange h = Values.toHandleRange(target, "target");
                DmaHandle handle = Values.toHandle(target, "target");
                result = host.kernel().deviceRead(device, handle, h.offset(), h.length(), judged, site);
            }
            if (!judged) {
                SourceSite at = (SourceSite) site;
                host.interpreter().budget().printed(Budget.EVENT_BYTES);
                host.listener().read(at, host.sourceText(at), result);
            }
            return new OutcomesObject(host, new Value.Outcomes(result));
        }, r -> true);
    }

    ProxyExecutable write() {
        return args -> host.event(actor() + ".write", false, false, false, site -> {
            if (args.length != 2 && args.length != 4) {
                throw new GuestError("takes (target, value) or (target, from, to, value), got " + args.length
                        + " arguments");
            }
            Value target = range(args, args.length - 1);
            Value value = host.conversions().toValue(args[args.length - 1]);
            if (device == null) {
                ViewRange v = Values.toViewRange(target, "target");
                host.kernel().cpuWrite(v.view(), v.offset(), v.length(), Values.toBytes(value, v.length(), host.kernel()), site);
            } else {
                HandleRange h = Values.toHandleRange(target, "target");
                DmaHandle handle = Values.toHandle(target, "target");
                host.kernel().deviceWrite(device, handle, h.offset(), h.length(), Values.toBytes(value, h.length(), host.kernel()),
                        site);
            }
            return null;
        }, r -> false);
    }

    private String actor() {
        return device == null ? "cpu" : device.name();
    }

    /** The target, sliced to {@code [from, to)} when the call gives a range ({@code used} arguments before the value). */
    Value range(org.graalvm.polyglot.Value[] args, int used) {
        Value target = host.conversions().toValue(args[0]);
        if (used == 1) {
            return target;
        }
        long from = Values.toLong(host.conversions().toValue(args[1]), "from");
        long to = Values.toLong(host.conversions().toValue(args[2]), "to");
        long size = switch (target) {
            case Value.View v -> v.view().size();
            case Value.Handle h -> h.handle().size();
            case Value.Slice s -> s.length();
            default -> throw new GuestError("cannot access " + target.typeName()
                    + (device == null ? ": the CPU accesses buffers and CPU views" : ": a device accesses DMA handles"));
        };
        if (Long.compareUnsigned(from, to) > 0 || Long.compareUnsigned(to, size) > 0) {
            throw new GuestError("range [" + from + ", " + to + ") is outside the target (" + size + " bytes)");
        }
        if (target instanceof Value.Slice s) {
            return new Value.Slice(s.base(), s.offset() + from, to - from);
        }
        return new Value.Slice(target, from, to - from);
    }
}
