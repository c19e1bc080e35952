// The lexical structure of .dma scenarios (docs/language.md, "Lexical structure").
lexer grammar DmaScriptLexer;

@members {
    /**
     * The brackets open at this point. A newline directly inside ( or [ does not end a statement;
     * inside { it is a token again (blocks and property lists use it as a separator). A closer pops
     * everything up to its own opener, so one unclosed ( cannot swallow the newlines of the whole file.
     */
    private final java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();

    private void opened(int type) {
        open.push(type);
    }

    private void closed(int opener) {
        if (open.contains(opener)) {
            while (open.pop() != opener) {
                // discard the unclosed brackets inside it
            }
        }
    }

    private boolean insideParens() {
        Integer top = open.peek();
        return top != null && top != LBRACE;
    }

    @Override
    public void reset() {
        open.clear();
        super.reset();
    }

    private boolean notIdentifierNext() {
        int c = _input.LA(1);
        return c == EOF || !(Character.isLetterOrDigit(c) || c == '_');
    }
}

ARCH: 'arch';
MACHINE: 'machine';
DEVICE: 'device';
PRESET: 'preset';
PROFILE: 'profile';
LET: 'let';
FN: 'fn';
RETURN: 'return';
IF: 'if';
ELSE: 'else';
FOR: 'for';
IN: 'in';
WHILE: 'while';
EXPECT: 'expect';
SOMETIMES: 'sometimes';
NEVER: 'never';
ALWAYS: 'always';
REPORT: 'report';
IMPORT: 'import';
TRUE: 'true';
FALSE: 'false';
NULL: 'null';
CPU: 'cpu';
READS: 'reads';
WRITES: 'writes';
AND: 'and';
OR: 'or';
NOT: 'not';
ASYNC: 'async';
AFTER: 'after';
WAIT: 'wait';
UNTIL: 'until';
VIA: 'via';

LPAREN: '(' { opened(LPAREN); };
RPAREN: ')' { closed(LPAREN); };
LBRACK: '[' { opened(LBRACK); };
RBRACK: ']' { closed(LBRACK); };
LBRACE: '{' { opened(LBRACE); };
RBRACE: '}' { closed(LBRACE); };
RANGE: '..';
DOT: '.';
COMMA: ',';
COLON: ':';
SEMI: ';';
EQ: '==';
NE: '!=';
LE: '<=';
GE: '>=';
SHL: '<<';
SHR: '>>';
LT: '<';
GT: '>';
ASSIGN: '=';
PLUS: '+';
MINUS: '-';
STAR: '*';
SLASH: '/';
PERCENT: '%';
PIPE: '|';
AMP: '&';
CARET: '^';
TILDE: '~';

// An integer, optionally followed (with or without blanks) by a size suffix in powers of 1024.
INT: (HEX | BIN | DEC) ([ \t]* SIZE_SUFFIX { notIdentifierNext() }?)?;
fragment DEC: [0-9] [0-9_]*;
fragment HEX: '0' [xX] [0-9a-fA-F_]+;
fragment BIN: '0' [bB] [01_]+;
fragment SIZE_SUFFIX: 'B' | 'KiB' | 'MiB' | 'GiB' | 'TiB';

// Any backslash pair lexes; the AST builder names an unknown escape precisely instead of a lexer error.
STRING: '"' (ESC | ~["\\\r\n])* '"';
fragment ESC: '\\' ~[\r\n];

IDENT: [A-Za-z_] [A-Za-z0-9_]*;

NL: ('\r'? '\n' | '\r') { if (insideParens()) skip(); };
WS: [ \t\f]+ -> channel(HIDDEN);
LINE_COMMENT: ('#' | '//') ~[\r\n]* -> channel(HIDDEN);
UNTERMINATED_STRING: '"' (ESC | ~["\\\r\n])* '\\'?;
UNRECOGNIZED: .;
