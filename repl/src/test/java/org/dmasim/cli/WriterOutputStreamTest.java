package org.dmasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WriterOutputStreamTest {
    @Test
    void keepsACharacterSplitAcrossWrites() throws IOException {
        byte[] utf8 = "caret ^ and arrow \u2192 ok".getBytes(StandardCharsets.UTF_8);
        StringWriter sink = new StringWriter();
        try (WriterOutputStream out = new WriterOutputStream(sink, StandardCharsets.UTF_8)) {
            for (byte b : utf8) {
                out.write(b);
            }
        }
        assertEquals("caret ^ and arrow \u2192 ok", sink.toString());
    }

    @Test
    void writesMoreThanOneBufferful() throws IOException {
        String text = "0123456789\u00e9".repeat(1000);
        StringWriter sink = new StringWriter();
        try (WriterOutputStream out = new WriterOutputStream(sink, StandardCharsets.UTF_8)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(text, sink.toString());
    }
}
