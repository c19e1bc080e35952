// Which receive-buffer protocols leave the CPU a stale view? Every arch profile x mapping
// direction x way of giving the buffer back to the CPU, each on a fresh machine; the CPU
// judges its own read (dmasim.cpu.probe: like a read under `expect`, no report, not printed).
const arches = ["x86_64", "arm64", "arm64_legacy", "riscv64", "arc", "sparc64"];
const dirs = { FROM_DEVICE: dmasim.DMA_FROM_DEVICE, BIDIRECTIONAL: dmasim.DMA_BIDIRECTIONAL };
const giveBack = {
  "sync_for_cpu": (nic, m, dir) => {
    dmasim.dma_sync_single_for_cpu(nic, m, 4096, dir);
    return () => dmasim.dma_unmap_single(nic, m, 4096, dir);
  },
  "unmap": (nic, m, dir) => {
    dmasim.dma_unmap_single(nic, m, 4096, dir);
    return () => {};
  },
  "unmap SKIP_CPU_SYNC": (nic, m, dir) => {
    dmasim.dma_unmap_single(nic, m, 4096, dir, dmasim.DMA_ATTR_SKIP_CPU_SYNC);
    return () => {};
  },
};

const rows = [];
for (const arch of arches) {
  for (const [dirName, dir] of Object.entries(dirs)) {
    for (const [how, handBack] of Object.entries(giveBack)) {
      dmasim.reset(arch);
      const nic = dmasim.device("nic", { dma_mask: 64 });  // coherent as the arch says
      const rx = dmasim.alloc_pages(4096);
      dmasim.cpu.write(rx, 0x00);                 // old data, maybe still in the cache
      const m = dmasim.dma_map_single(nic, rx, dir);
      if (dmasim.dma_mapping_error(nic, m)) throw new Error("map failed on " + arch);
      nic.write(m, 0x5a);                         // the packet arrives
      const finish = handBack(nic, m, dir);
      const seen = dmasim.cpu.probe(rx, 0, 64);
      finish();
      rows.push([arch, dirName, how, seen.always(0x5a) ? "fresh" : "STALE: " + seen]);
    }
  }
}

const widths = [0, 1, 2].map(i => Math.max(...rows.map(r => r[i].length)));
for (const r of rows) {
  console.log(r.slice(0, 3).map((c, i) => c.padEnd(widths[i])).join("  ") + "  " + r[3]);
}
