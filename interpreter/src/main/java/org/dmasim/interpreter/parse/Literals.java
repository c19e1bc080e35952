package org.dmasim.interpreter.parse;

import java.math.BigInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.diag.Diagnostic;

/** Decodes the text of integer and string tokens (docs/language.md, "Lexical structure"), reporting what the lexer let through. */
final class Literals {
    private static final Pattern INTEGER =
            Pattern.compile("(0[xX][0-9a-fA-F_]*|0[bB][01_]+|[0-9][0-9_]*)[ \\t]*(B|KiB|MiB|GiB|TiB)?");
    private static final BigInteger LARGEST = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private Literals() {
    }

    /**
     * The value of an integer token, size suffix applied, as an unsigned 64-bit value wrapped into a long.
     * A value above 2^64-1 is reported and read as 0.
     */
    static long integer(String text, Span span, Consumer<Diagnostic> report) {
        Matcher m = INTEGER.matcher(text);
        if (!m.matches()) {
            report.accept(Diagnostic.syntax("malformed integer '" + text + "'", span));
            return 0;
        }
        String number = m.group(1);
        int radix = 10;
        String digits = number;
        if (number.length() > 1 && (number.charAt(1) == 'x' || number.charAt(1) == 'X')) {
            radix = 16;
            digits = number.substring(2);
        } else if (number.length() > 1 && (number.charAt(1) == 'b' || number.charAt(1) == 'B')) {
            radix = 2;
            digits = number.substring(2);
        }
        digits = digits.replace("_", "");
        if (digits.isEmpty()) {
            report.accept(Diagnostic.syntax("integer '" + text + "' has no digits", span));
            return 0;
        }
        BigInteger value = new BigInteger(digits, radix).shiftLeft(10 * suffixPower(m.group(2)));
        if (value.compareTo(LARGEST) > 0) {
            report.accept(Diagnostic.syntax("integer " + text.strip() + " does not fit in 64 bits", span)
                    .withHelp("the largest integer is 0xffff_ffff_ffff_ffff (2^64-1)"));
            return 0;
        }
        return value.longValue();
    }

    private static int suffixPower(String suffix) {
        if (suffix == null) {
            return 0;
        }
        return switch (suffix) {
            case "KiB" -> 1;
            case "MiB" -> 2;
            case "GiB" -> 3;
            case "TiB" -> 4;
            default -> 0;
        };
    }

    /**
     * The value of a string token, quotes removed and escapes applied. An unterminated string (already
     * reported by the lexer) yields what was typed.
     */
    static String string(String text, int offset, Consumer<Diagnostic> report) {
        StringBuilder out = new StringBuilder();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                break;
            }
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= text.length()) {
                break;
            }
            char e = text.charAt(i + 1);
            Span escape = new Span(offset + i, offset + i + 2);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case 'x' -> {
                    if (i + 3 < text.length() && isHex(text.charAt(i + 2)) && isHex(text.charAt(i + 3))) {
                        out.append((char) Integer.parseInt(text.substring(i + 2, i + 4), 16));
                        i += 2;
                    } else {
                        report.accept(Diagnostic.syntax("'\\x' must be followed by two hex digits", escape)
                                .withHelp("write a byte as \\xNN, for example \\x0a"));
                    }
                }
                default -> report.accept(Diagnostic.syntax("unknown escape '\\" + e + "' in a string", escape)
                        .withHelp("the escapes are \\n \\t \\\" \\\\ and \\xNN"));
            }
            i += 2;
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
