package org.dmasim.engine;

import static org.dmasim.engine.machine.Direction.DMA_BIDIRECTIONAL;
import static org.dmasim.engine.machine.Direction.DMA_FROM_DEVICE;
import static org.dmasim.engine.machine.Direction.DMA_TO_DEVICE;
import static org.dmasim.engine.machine.Maintenance.CLEAN;
import static org.dmasim.engine.machine.Maintenance.CLEAN_INVALIDATE;
import static org.dmasim.engine.machine.Maintenance.INVALIDATE;
import static org.dmasim.engine.machine.Maintenance.NONE;

import java.util.List;
import java.util.Map;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.ArchTraits;
import org.dmasim.engine.machine.IommuKind;
import org.dmasim.engine.machine.KernelImagePlacement;
import org.dmasim.engine.machine.Maintenance;

/** The six stdlib arch profiles (stdlib/arch/*.dma) as engine values, for engine tests. */
public final class TestProfiles {
    private TestProfiles() {
    }

    private static Map<org.dmasim.engine.machine.Direction, Maintenance> t(Maintenance to, Maintenance from,
            Maintenance bidi) {
        return Map.of(DMA_TO_DEVICE, to, DMA_FROM_DEVICE, from, DMA_BIDIRECTIONAL, bidi);
    }

    public static List<ArchProfile> all() {
        var noneT = t(NONE, NONE, NONE);
        var inv = t(NONE, INVALIDATE, INVALIDATE);
        return List.of(
                ArchProfile.x86_64(),
                ArchProfile.arm64(),
                new ArchProfile("arm64_legacy", 64, 4096, 4L << 30, false, true, t(CLEAN, INVALIDATE, CLEAN), inv,
                        CLEAN_INVALIDATE, CLEAN_INVALIDATE, false, false, false, false,
                        new ArchTraits(128, 128, IommuKind.SMMU, false, true, true, KernelImagePlacement.VMALLOC)),
                new ArchProfile("arc", 64, 4096, 16L << 20, false, true, t(CLEAN, INVALIDATE, CLEAN_INVALIDATE), inv,
                        CLEAN_INVALIDATE, INVALIDATE, false, false, false, false,
                        new ArchTraits(64, 64, IommuKind.SMMU, false, false, false, KernelImagePlacement.LINEAR)),
                new ArchProfile("riscv64", 64, 4096, 4L << 30, false, true, t(CLEAN, CLEAN, CLEAN), inv,
                        CLEAN_INVALIDATE, INVALIDATE, true, false, false, false,
                        new ArchTraits(64, 64, IommuKind.RISCV, false, false)),
                new ArchProfile("sparc64", 64, 4096, 4L << 30, true, true, noneT, noneT, NONE, NONE, false, true, false,
                        true, new ArchTraits(0, 1, IommuKind.SUN4V, false, false, false,
                                KernelImagePlacement.SEPARATE_NO_PA)));
    }
}
