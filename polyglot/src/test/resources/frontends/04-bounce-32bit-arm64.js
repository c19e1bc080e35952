// Seed 000: a GPU that reaches only the low 4 GiB, pages allocated above it.
const GiB = 1024 ** 3, KiB = 1024;
dmasim.arch("arm64");
dmasim.machine({ ram: 8 * GiB });
const gpu = dmasim.device("gpu", { dma_mask: 32, coherent: false });

const hi = dmasim.alloc_pages(64 * KiB);
if (hi.phys < 4 * GiB) throw new Error("hi below 4 GiB");
const m = dmasim.dma_map_single(gpu, hi, dmasim.DMA_BIDIRECTIONAL);
if (dmasim.dma_mapping_error(gpu, m)) throw new Error("map failed");
if (!m.bounced || m.dma >= 4 * GiB) throw new Error("not bounced below 4 GiB");
if (!dmasim.dma_need_sync(gpu, m)) throw new Error("needs no sync?");

gpu.write(m, 0, 4 * KiB, 0x77);
dmasim.eval("expect never cpu reads hi[0..64] == 0x77");  // judged: a read under expect raises no STALE_READ
dmasim.dma_sync_single_for_cpu(gpu, m, 64 * KiB, dmasim.DMA_BIDIRECTIONAL);
if (!dmasim.cpu.read(hi, 0, 4 * KiB).always(0x77)) throw new Error("not copied back");
dmasim.dma_unmap_single(gpu, m, 64 * KiB, dmasim.DMA_BIDIRECTIONAL);

const lo = dmasim.alloc_pages(64 * KiB, dmasim.GFP_DMA32);
if (lo.phys + 64 * KiB > 4 * GiB) throw new Error("lo above 4 GiB");
const m2 = dmasim.dma_map_single(gpu, lo, dmasim.DMA_TO_DEVICE);
if (dmasim.dma_mapping_error(gpu, m2) || m2.bounced) throw new Error("lo bounced");
dmasim.dma_unmap_single(gpu, m2, 64 * KiB, dmasim.DMA_TO_DEVICE);
