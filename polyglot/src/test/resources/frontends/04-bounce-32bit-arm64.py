# Seed 000: a GPU that reaches only the low 4 GiB, pages allocated above it.
GiB, KiB = 1024 ** 3, 1024
dmasim.arch("arm64")
dmasim.machine({"ram": 8 * GiB})
gpu = dmasim.device("gpu", {"dma_mask": 32, "coherent": False})

hi = dmasim.alloc_pages(64 * KiB)
assert hi.phys >= 4 * GiB
m = dmasim.dma_map_single(gpu, hi, dmasim.DMA_BIDIRECTIONAL)
assert not dmasim.dma_mapping_error(gpu, m)
assert m.bounced and m.dma < 4 * GiB
assert dmasim.dma_need_sync(gpu, m)

gpu.write(m, 0, 4 * KiB, 0x77)
dmasim.eval("expect never cpu reads hi[0..64] == 0x77")  # judged: a read under expect raises no STALE_READ
dmasim.dma_sync_single_for_cpu(gpu, m, 64 * KiB, dmasim.DMA_BIDIRECTIONAL)
assert dmasim.cpu.read(hi, 0, 4 * KiB).always(0x77)
dmasim.dma_unmap_single(gpu, m, 64 * KiB, dmasim.DMA_BIDIRECTIONAL)

lo = dmasim.alloc_pages(64 * KiB, dmasim.GFP_DMA32)
assert lo.phys + 64 * KiB <= 4 * GiB
m2 = dmasim.dma_map_single(gpu, lo, dmasim.DMA_TO_DEVICE)
assert not dmasim.dma_mapping_error(gpu, m2) and not m2.bounced
dmasim.dma_unmap_single(gpu, m2, 64 * KiB, dmasim.DMA_TO_DEVICE)
