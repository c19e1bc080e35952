package org.dmasim.lsp;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.parse.ParseResult;
import org.dmasim.interpreter.parse.ScriptParser;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * One script open in the editor: its latest text, and the conversions between the protocol's positions
 * (line and UTF-16 unit, both from 0) and the character offsets of the interpreter's spans (UTF-16 too).
 */
final class OpenScript {
    private final String uri;
    private final String text;
    private final int[] lineStarts;
    private ParseResult parsed;

    OpenScript(String uri, String text) {
        this.uri = uri;
        this.text = text;
        this.lineStarts = lineStarts(text);
    }

    String uri() {
        return uri;
    }

    String text() {
        return text;
    }

    /** The script as the interpreter names it in messages: its file name. */
    SourceFile source() {
        Path path = path();
        return SourceFile.of(path == null ? uri : String.valueOf(path.getFileName()), text);
    }

    /** The file behind the document, or null when it is not a file (an unsaved buffer). */
    Path path() {
        try {
            URI u = URI.create(uri);
            return "file".equals(u.getScheme()) ? Path.of(u) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Where imports are looked up: the script's folder, or the working directory for an unsaved buffer. */
    Path directory() {
        Path path = path();
        return path == null || path.getParent() == null ? Path.of("").toAbsolutePath() : path.getParent();
    }

    ParseResult parsed() {
        if (parsed == null) {
            parsed = new ScriptParser().parse(source());
        }
        return parsed;
    }

    int offset(Position position) {
        int line = Math.min(Math.max(position.getLine(), 0), lineStarts.length - 1);
        int end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length();
        return Math.min(lineStarts[line] + Math.max(position.getCharacter(), 0), end);
    }

    Position position(int offset) {
        int clamped = Math.min(Math.max(offset, 0), text.length());
        int line = 0;
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo <= hi) { // the last line start at or before the offset
            int mid = (lo + hi) >>> 1;
            if (lineStarts[mid] <= clamped) {
                line = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return new Position(line, clamped - lineStarts[line]);
    }

    Range range(Span span) {
        return new Range(position(span.start()), position(Math.max(span.end(), span.start())));
    }

    /** The name (letters, digits, underscores) the offset is in or just after, with its span; null if none. */
    Word wordAt(int offset) {
        int start = offset;
        while (start > 0 && isNamePart(text.charAt(start - 1))) {
            start--;
        }
        int end = offset;
        while (end < text.length() && isNamePart(text.charAt(end))) {
            end++;
        }
        return start == end ? null : new Word(text.substring(start, end), new Span(start, end));
    }

    /** What is typed of a name before the offset ("dma_" in {@code dma_|}). */
    String prefixAt(int offset) {
        int start = offset;
        while (start > 0 && isNamePart(text.charAt(start - 1))) {
            start--;
        }
        return text.substring(start, offset);
    }

    record Word(String text, Span span) {
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
