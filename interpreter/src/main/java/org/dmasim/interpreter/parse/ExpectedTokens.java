package org.dmasim.interpreter.parse;

import static org.dmasim.grammar.DmaScriptParser.*;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/** The tokens the parser could have accepted, named in the user's vocabulary ({@code <expression>}, not IDENT). */
final class ExpectedTokens {
    /** Tokens that only continue an expression: listing them after every value would drown the message. */
    private static final Set<Integer> CONTINUATIONS = Set.of(PLUS, MINUS, STAR, SLASH, PERCENT, PIPE, AMP, CARET,
            SHL, SHR, EQ, NE, LT, LE, GT, GE, AND, OR, DOT, LBRACK, LPAREN, READS);
    /** Enough of the tokens that start an expression to say "an expression" instead of listing them. */
    private static final Set<Integer> EXPRESSION_CORE = Set.of(INT, STRING, IDENT, LPAREN, LBRACK);
    private static final Set<Integer> EXPRESSION_START = Set.of(INT, STRING, IDENT, LPAREN, LBRACK, LBRACE, TRUE,
            FALSE, NULL, CPU, MINUS, TILDE, NOT, ASYNC);
    private static final Set<Integer> STATEMENT_KEYWORDS = Set.of(ARCH, MACHINE, DEVICE, PRESET, PROFILE, IMPORT,
            LET, FN, RETURN, IF, FOR, WHILE, EXPECT, WAIT);

    private final Set<Integer> types;

    private ExpectedTokens(Set<Integer> types) {
        this.types = types;
    }

    static ExpectedTokens of(IntervalSet set) {
        Set<Integer> types = new LinkedHashSet<>();
        if (set != null) {
            types.addAll(set.toList());
        }
        return new ExpectedTokens(types);
    }

    boolean has(int type) {
        return types.contains(type);
    }

    int size() {
        return types.size();
    }

    boolean expressionStart() {
        return types.containsAll(EXPRESSION_CORE) && !continuesExpression();
    }

    /** A statement could start here. A field name could too, and then 'in' would be expected as well. */
    boolean statementStart() {
        return types.contains(LET) && types.contains(FN) && !types.contains(IN);
    }

    /** A newline or ';' could end the statement here. */
    boolean statementEnd() {
        return types.contains(NL) && types.contains(SEMI);
    }

    private boolean continuesExpression() {
        return types.contains(PLUS) && types.contains(STAR) && types.contains(EQ);
    }

    /** {@code ',' or ')'}, {@code one of <statement>, '}'}; empty when nothing useful can be said. */
    String describe() {
        Set<Integer> left = new LinkedHashSet<>(types);
        List<String> names = new ArrayList<>();
        if (continuesExpression()) {
            left.removeAll(CONTINUATIONS);
        }
        if (types.containsAll(STATEMENT_KEYWORDS)) {
            left.removeAll(STATEMENT_KEYWORDS);
            left.removeAll(EXPRESSION_START);
            names.add("<statement>");
        } else if (types.containsAll(EXPRESSION_CORE)) {
            left.removeAll(EXPRESSION_START);
            names.add("<expression>");
        }
        if (left.contains(NL) && left.contains(SEMI)) {
            left.remove(SEMI);
        }
        for (int type : left) {
            names.add(name(type));
        }
        if (names.isEmpty() || names.size() > 6) {
            return "";
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        if (names.size() == 2) {
            return names.get(0) + " or " + names.get(1);
        }
        return "one of " + String.join(", ", names);
    }

    static String name(int type) {
        return switch (type) {
            case Token.EOF -> "end of file";
            case IDENT -> "<name>";
            case INT -> "<integer>";
            case STRING, UNTERMINATED_STRING -> "<string>";
            case NL -> "<newline>";
            default -> {
                String literal = VOCABULARY.getLiteralName(type);
                yield literal != null ? literal : VOCABULARY.getDisplayName(type);
            }
        };
    }
}
