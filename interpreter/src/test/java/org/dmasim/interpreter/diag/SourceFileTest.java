package org.dmasim.interpreter.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SourceFileTest {
    @Test
    void linesAndColumnsAreOneBased() {
        SourceFile source = SourceFile.of("a.dma", "ab\r\ncd\n\nef");
        assertEquals(4, source.lineCount());
        assertEquals("1:1", source.position(0));
        assertEquals("1:3", source.position(2));
        assertEquals("2:1", source.position(4));
        assertEquals("4:2", source.position(9));
        assertEquals("4:3", source.position(11), "end of text");
        assertEquals("ab", source.lineText(1));
        assertEquals("", source.lineText(3));
        assertEquals("ef", source.lineText(4));
        assertEquals("a.dma", source.name());
    }
}
