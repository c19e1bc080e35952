package org.dmasim.interpreter.diag;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A script's name (as the user gave it) and text. Spans are char offsets into the text; line and column
 * (both 1-based, the column counted in chars) are computed here, only when something is shown.
 */
public final class SourceFile {
    private final String name;
    private final String text;
    /** Offset of the first char of each line; a line ends at '\n' (a '\r' before it is not shown). */
    private final int[] lineStarts;

    public SourceFile(String name, String text) {
        this.name = Objects.requireNonNull(name, "name");
        this.text = Objects.requireNonNull(text, "text");
        this.lineStarts = lineStarts(text);
    }

    public static SourceFile of(String name, String text) {
        return new SourceFile(name, text);
    }

    /** Reads a UTF-8 file; its name is the path as given, so messages show what the user typed. */
    public static SourceFile read(Path path) throws IOException {
        return new SourceFile(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    public int lineCount() {
        return lineStarts.length;
    }

    /** The 1-based line holding {@code offset}; an offset past the end belongs to the last line. */
    public int line(int offset) {
        int clamped = Math.max(0, Math.min(offset, text.length()));
        int index = Arrays.binarySearch(lineStarts, clamped);
        return index >= 0 ? index + 1 : -index - 1;
    }

    /** The 1-based column of {@code offset} within its line. */
    public int column(int offset) {
        int clamped = Math.max(0, Math.min(offset, text.length()));
        return clamped - lineStarts[line(clamped) - 1] + 1;
    }

    /** {@code line:column} of an offset, the way messages print it. */
    public String position(int offset) {
        return line(offset) + ":" + column(offset);
    }

    /** The text of a 1-based line without its line terminator. */
    public String lineText(int line) {
        if (line < 1 || line > lineStarts.length) {
            throw new IndexOutOfBoundsException("line " + line + " of " + lineStarts.length);
        }
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        if (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(start, end);
    }

    /** Offset of the first char of a 1-based line. */
    public int lineStart(int line) {
        return lineStarts[line - 1];
    }

    private static int[] lineStarts(String text) {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        int[] starts = new int[count];
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[line++] = i + 1;
            }
        }
        return starts;
    }

    @Override
    public String toString() {
        return name;
    }
}
