package org.dmasim.repl;

import org.dmasim.interpreter.parse.Lexeme;
import org.dmasim.interpreter.parse.ScriptParser;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/** Colours the line from the real lexer's tokens, so it never disagrees with the parser. */
public final class ReplHighlighter implements Highlighter {
    private final ScriptParser parser = new ScriptParser();
    private final java.util.Set<String> builtins;

    /** @param builtins names shown as builtins (the registry's functions and constants) */
    public ReplHighlighter(java.util.Set<String> builtins) {
        this.builtins = builtins;
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        if (ReplParser.isMeta(buffer)) {
            return new AttributedString(buffer, AttributedStyle.BOLD);
        }
        AttributedStringBuilder b = new AttributedStringBuilder();
        int at = 0;
        for (Lexeme l : parser.lexemes(buffer)) {
            int start = Math.max(at, l.span().start());
            int end = Math.min(buffer.length(), l.span().end());
            if (start >= end) {
                continue;
            }
            b.append(buffer, at, start);
            b.styled(style(l), buffer.substring(start, end));
            at = end;
        }
        b.append(buffer.substring(at));
        return b.toAttributedString();
    }

    private AttributedStyle style(Lexeme l) {
        AttributedStyle s = AttributedStyle.DEFAULT;
        return switch (l.kind()) {
            case KEYWORD -> s.foreground(AttributedStyle.MAGENTA).bold();
            case NAME -> builtins.contains(l.text()) ? s.foreground(AttributedStyle.CYAN) : s;
            case NUMBER -> s.foreground(AttributedStyle.YELLOW);
            case STRING -> s.foreground(AttributedStyle.GREEN);
            case COMMENT -> s.foreground(AttributedStyle.BRIGHT).faint();
            case OPERATOR, PUNCTUATION -> s;
            case ERROR -> s.foreground(AttributedStyle.RED).underline();
        };
    }
}
