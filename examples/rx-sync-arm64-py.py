# The receive buffer of rx-sync-arm64.dma, driven from Python (docs/javascript-python.md).
dmasim.arch("arm64")
dmasim.machine({"ram": 8 * 1024 ** 3})
nic = dmasim.device("nic", {"dma_mask": 64, "coherent": False})
rx = dmasim.alloc_pages(4096)
dmasim.cpu.write(rx, 0, 4096, 0x00)              # view, from, to, value
m = dmasim.dma_map_single(nic, rx, dmasim.DMA_FROM_DEVICE)
if dmasim.dma_mapping_error(nic, m):
    raise RuntimeError("map failed")
nic.write(m, 0, 4096, 0x5A)                        # a device object reads and writes handles
dmasim.dma_sync_single_for_cpu(nic, m, 4096, dmasim.DMA_FROM_DEVICE)
seen = dmasim.cpu.read(rx, 0, 64)                # Outcomes: .values(), .always(v), .sometimes(v), .never(v)
if not seen.always(0x5A):
    raise RuntimeError(f"stale: {seen}")
dmasim.eval("expect cpu reads rx[0..64] == 0x5A")  # .dma text against the same machine and names
dmasim.dma_unmap_single(nic, m, 4096, dmasim.DMA_FROM_DEVICE)
print(len(dmasim.reports()), "reports")           # reports so far, as records
