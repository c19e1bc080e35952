# A NIC fills the receive buffer on its own (a device job); the CPU reads it before waiting.
dmasim.arch("arm64")
nic = dmasim.device("nic", {"dma_mask": 64, "coherent": False})
rx = dmasim.alloc_pages(4096)
m = dmasim.dma_map_single(nic, rx, dmasim.DMA_FROM_DEVICE)
dmasim.eval("expect not dma_mapping_error(nic, m)")
def fill(d):
    d.write(m, 0, 64, 0x5a)
    d.write(m, 64, 128, 0x6b)
job = dmasim.async_(nic, fill)   # async is a keyword in Python
dmasim.dma_sync_single_for_cpu(nic, m, 4096, dmasim.DMA_FROM_DEVICE)
dmasim.cpu.read(rx, 0, 64)
dmasim.wait(job)
dmasim.dma_sync_single_for_cpu(nic, m, 4096, dmasim.DMA_FROM_DEVICE)
dmasim.eval("expect cpu reads rx[64..128] == 0x6B")
dmasim.dma_unmap_single(nic, m, 4096, dmasim.DMA_FROM_DEVICE)
