package org.dmasim.interpreter.lang;

/** What a block property takes. */
public enum PropertyType {
    /** An integer expression. */
    INT,
    /** A mask width: an integer 1..64. */
    BITS,
    /** {@code true} or {@code false}. */
    BOOL,
    /** One of a few bare names ({@code swiotlb: force}). */
    SYMBOL,
    /** Any bare name or string ({@code pci_switch: sw0}). */
    NAME,
    /** A record from directions to cache maintenance (profiles' {@code for_device}, {@code for_cpu}). */
    TABLE,
    /** A record from barrier names to the access pairs each orders ({@code dma_rmb: "rr rw"}). */
    ORDERS
}
