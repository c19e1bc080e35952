package org.dmasim.repl;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.interpreter.Session;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Splits REPL input the way completion needs (identifiers, not shell words) and, on Enter, asks the
 * interpreter whether the entry is complete: while a bracket is open or the line ends in an operator it
 * throws {@link EOFError}, and JLine reads another line under the secondary prompt (jshell's way).
 */
public final class ReplParser implements Parser {

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && !isMeta(line) && !Session.isComplete(line)) {
            // the open brackets tell JLine how far to indent the next line
            throw new EOFError(-1, -1, "incomplete entry", "more", openBrackets(line), null);
        }
        return words(line, cursor);
    }

    /** Brackets opened and not yet closed, outside strings and comments. */
    static int openBrackets(String text) {
        int open = 0;
        boolean string = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (string) {
                if (c == '\\') {
                    i++;
                } else if (c == '"' || c == '\n') {
                    string = false;
                }
            } else if (c == '"') {
                string = true;
            } else if (c == '#' || c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '(' || c == '[' || c == '{') {
                open++;
            } else if ((c == ')' || c == ']' || c == '}') && open > 0) {
                open--;
            }
        }
        return open;
    }

    /** A line that starts with {@code :} is a meta-command, complete as typed. */
    static boolean isMeta(String line) {
        return line.stripLeading().startsWith(":");
    }

    /** Whether {@code c} can be part of a completable word: a name, or a meta-command's {@code :name}. */
    static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':' || c == '.' || c == '/' || c == '-';
    }

    private static ParsedLine words(String line, int cursor) {
        List<String> words = new ArrayList<>();
        int wordIndex = -1;
        int wordCursor = 0;
        int i = 0;
        while (i <= line.length()) {
            int start = i;
            while (i < line.length() && wordChar(line.charAt(i))) {
                i++;
            }
            if (cursor >= start && cursor <= i && wordIndex < 0) {
                wordIndex = words.size();
                wordCursor = cursor - start;
            }
            if (i > start || wordIndex == words.size()) {
                words.add(line.substring(start, i));
            }
            i++;
        }
        if (wordIndex < 0) {
            wordIndex = words.size();
            words.add("");
        }
        return new Words(line, words, wordIndex, wordCursor, cursor);
    }

    /** The words of a line around the cursor; nothing is escaped (names need no quoting). */
    private record Words(String line, List<String> words, int wordIndex, int wordCursor, int cursor)
            implements CompletingParsedLine {
        @Override
        public String word() {
            return words.get(wordIndex);
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return wordCursor;
        }

        @Override
        public int rawWordLength() {
            return word().length();
        }
    }
}
