// A NIC fills the receive buffer on its own (a device job); the CPU reads it before waiting.
dmasim.arch("arm64");
const nic = dmasim.device("nic", { dma_mask: 64, coherent: false });
const rx = dmasim.alloc_pages(4096);
const m = dmasim.dma_map_single(nic, rx, dmasim.DMA_FROM_DEVICE);
dmasim.eval("expect not dma_mapping_error(nic, m)");
const job = dmasim.async(nic, d => {
  d.write(m, 0, 64, 0x5a);
  d.write(m, 64, 128, 0x6b);
});
dmasim.dma_sync_single_for_cpu(nic, m, 4096, dmasim.DMA_FROM_DEVICE);
dmasim.cpu.read(rx, 0, 64);
dmasim.wait(job);
dmasim.dma_sync_single_for_cpu(nic, m, 4096, dmasim.DMA_FROM_DEVICE);
dmasim.eval("expect cpu reads rx[64..128] == 0x6B");
dmasim.dma_unmap_single(nic, m, 4096, dmasim.DMA_FROM_DEVICE);
