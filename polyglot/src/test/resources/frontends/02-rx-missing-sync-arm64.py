# The same receive without dma_sync_single_for_cpu: the CPU may see its stale line.
dmasim.arch("arm64")
nic = dmasim.device("nic", {"dma_mask": 64, "coherent": False})

rx = dmasim.alloc_pages(4096)
dmasim.cpu.write(rx, 0x00)
m = dmasim.dma_map_single(nic, rx, dmasim.DMA_FROM_DEVICE)
dmasim.eval("expect not dma_mapping_error(nic, m)")
nic.write(m, 0x5A)
dmasim.eval("expect report STALE_READ { cpu reads rx[0..64] }")
dmasim.eval("expect sometimes cpu reads rx[0..64] == 0x00")
dmasim.eval("expect sometimes cpu reads rx[0..64] == 0x5A")
dmasim.dma_sync_single_for_cpu(nic, m, 4096, dmasim.DMA_FROM_DEVICE)
seen = dmasim.cpu.read(rx, 0, 64)
assert seen.always(0x5A), f"stale after the sync: {seen}"
dmasim.dma_unmap_single(nic, m, 4096, dmasim.DMA_FROM_DEVICE)
