// The lexical structure of .dma scenarios (LANGUAGE.md §1).
lexer grammar DmaScriptLexer;

@members {
    /** Open ( and [ : a newline inside them does not end a statement. Braces are the parser's business. */
    private int nesting = 0;
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

LPAREN: '(' { nesting++; };
RPAREN: ')' { if (nesting > 0) nesting--; };
LBRACK: '[' { nesting++; };
RBRACK: ']' { if (nesting > 0) nesting--; };
LBRACE: '{';
RBRACE: '}';
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

STRING: '"' (ESC | ~["\\\r\n])* '"';
fragment ESC: '\\' ([nt"\\] | 'x' [0-9a-fA-F] [0-9a-fA-F]);

IDENT: [A-Za-z_] [A-Za-z0-9_]*;

NL: '\r'? '\n' { if (nesting > 0) skip(); };
WS: [ \t\f]+ -> channel(HIDDEN);
LINE_COMMENT: ('#' | '//') ~[\r\n]* -> channel(HIDDEN);
UNTERMINATED_STRING: '"' (ESC | ~["\\\r\n])*;
UNRECOGNIZED: .;
