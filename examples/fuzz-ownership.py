# Random map/sync/access sequences that follow the ownership protocol must raise no report,
# and every read must return the last value written, on every arch profile.
# The CPU touches the buffer only while it owns it (after dma_sync_single_for_cpu), the device
# only while it does (after the map or dma_sync_single_for_device), each only in the mapping's
# direction. A fixed seed makes the run repeatable.
import random

rng = random.Random(2024)
ARCHES = ["x86_64", "arm64", "arm64_legacy", "riscv64", "arc", "sparc64"]
DIRS = {"TO_DEVICE": dmasim.DMA_TO_DEVICE, "FROM_DEVICE": dmasim.DMA_FROM_DEVICE,
        "BIDIRECTIONAL": dmasim.DMA_BIDIRECTIONAL}
SIZE = 4096


def allowed(owner, dir_name):
    """The steps the protocol allows next."""
    if owner == "cpu":
        steps = ["sync_for_device", "cpu_read"]
        if dir_name != "FROM_DEVICE":
            steps.append("cpu_write")
    else:
        steps = ["sync_for_cpu"]
        if dir_name != "TO_DEVICE":
            steps.append("device_write")
        if dir_name != "FROM_DEVICE":
            steps.append("device_read")
    return steps


def run_sequence(arch, dir_name, length):
    dmasim.reset(arch)
    dev = dmasim.device("dev", {"dma_mask": 64})
    dir = DIRS[dir_name]
    buf = dmasim.alloc_pages(SIZE)
    value = None  # what a read must return; a FROM_DEVICE buffer holds nothing defined before the device writes
    if dir_name != "FROM_DEVICE":
        value = rng.randrange(256)
        dmasim.cpu.write(buf, value)
    m = dmasim.dma_map_single(dev, buf, dir)
    assert not dmasim.dma_mapping_error(dev, m)
    owner, steps = "device", []
    for _ in range(length):
        step = rng.choice(allowed(owner, dir_name))
        steps.append(step)
        if step == "sync_for_cpu":
            dmasim.dma_sync_single_for_cpu(dev, m, SIZE, dir)
            owner = "cpu"
        elif step == "sync_for_device":
            dmasim.dma_sync_single_for_device(dev, m, SIZE, dir)
            owner = "device"
        elif step == "cpu_write":
            value = rng.randrange(256)
            dmasim.cpu.write(buf, 0, 64, value)
        elif step == "device_write":
            value = rng.randrange(256)
            dev.write(m, 0, 64, value)
        elif step == "cpu_read":
            seen = dmasim.cpu.probe(buf, 0, 64)
            assert value is None or seen.always(value), f"{arch} {dir_name} {steps}: the CPU may read {seen}, expected {value:#x}"
        elif step == "device_read":
            seen = dev.probe(m, 0, 64)
            assert value is None or seen.always(value), f"{arch} {dir_name} {steps}: the device may read {seen}, expected {value:#x}"
    if owner == "cpu":
        steps.append("sync_for_device")  # unmap is the device's last step: give the buffer back first
        dmasim.dma_sync_single_for_device(dev, m, SIZE, dir)
    dmasim.dma_unmap_single(dev, m, SIZE, dir)
    return steps


total_steps = 0
sequences = 0
for arch in ARCHES:
    for dir_name in DIRS:
        for _ in range(3):
            before = len(dmasim.reports())
            steps = run_sequence(arch, dir_name, rng.randrange(4, 16))
            total_steps += len(steps)
            sequences += 1
            raised = [r.code for r in dmasim.reports()][before:]
            assert not raised, f"{arch} {dir_name} {steps} raised {raised}"

print(f"{sequences} sequences, {total_steps} steps, on {len(ARCHES)} arches: no report, every read saw the last write")
