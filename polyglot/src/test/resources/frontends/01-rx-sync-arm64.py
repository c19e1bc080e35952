# A receive buffer on a non-coherent arm64 device, with the protocol done right.
dmasim.arch("arm64")
nic = dmasim.device("nic", {"dma_mask": 64, "coherent": False})

rx = dmasim.alloc_pages(4096)
dmasim.cpu.write(rx, 0x00)
m = dmasim.dma_map_single(nic, rx, dmasim.DMA_FROM_DEVICE)
dmasim.eval("expect not dma_mapping_error(nic, m)")
nic.write(m, 0x5A)
dmasim.dma_sync_single_for_cpu(nic, m, 4096, dmasim.DMA_FROM_DEVICE)
assert dmasim.cpu.read(rx, 0, 64).always(0x5A), "stale"
assert dmasim.cpu.read(rx).always(0x5A), "stale"
dmasim.dma_unmap_single(nic, m, 4096, dmasim.DMA_FROM_DEVICE)
dmasim.eval("expect clean")
