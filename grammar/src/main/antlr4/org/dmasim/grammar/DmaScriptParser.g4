// The syntax of .dma scenarios (docs/language.md). Statements end at a newline or ';'.
parser grammar DmaScriptParser;

options { tokenVocab = DmaScriptLexer; }

// Statements separated by newlines or ';', empty ones allowed. Written so that every choice is made on the
// next token alone, which keeps error recovery local to the statement in error.
program: statement? (sep statement?)* EOF;

// One REPL entry: the same as a program, kept apart so completeness can be judged on it.
replInput: program;

sep: NL | SEMI;

statement
    : ARCH name=IDENT                                              #archDecl
    | MACHINE properties                                           #machineDecl
    | DEVICE name=IDENT (COLON preset=IDENT)? properties?          #deviceDecl
    | PRESET name=IDENT (COLON base=IDENT)? properties             #presetDecl
    | PROFILE name=IDENT properties                                #profileDecl
    | IMPORT path=STRING                                           #importStmt
    | LET name=IDENT ASSIGN NL* value=expr                         #letStmt
    | name=IDENT ASSIGN NL* value=expr                             #assignStmt
    | FN name=IDENT LPAREN (IDENT (COMMA IDENT)*)? RPAREN block    #fnDecl
    | RETURN value=expr?                                           #returnStmt
    | ifClause                                                     #ifStmt
    | FOR var=IDENT IN source=expr (RANGE NL* end=expr)? block     #forStmt
    | WHILE cond=expr block                                        #whileStmt
    | EXPECT never=NEVER? REPORT codes+=IDENT (COMMA NL* codes+=IDENT)* block #expectReport
    | EXPECT quantifier=(SOMETIMES | NEVER | ALWAYS)? cond=expr     #expectStmt
    | actor=(CPU | IDENT) WRITES target=expr ASSIGN NL* value=expr #writeStmt
    | WAIT UNTIL cond=expr                                         #waitUntilStmt
    | WAIT job=expr                                                #waitStmt
    | expr                                                         #exprStmt
    ;

ifClause: IF cond=expr then=block (NL* ELSE (elseIf=ifClause | otherwise=block))?;

block: LBRACE statement? (sep statement?)* RBRACE;

// Fields of a machine, device, preset or profile block, and of a record literal:
// separated by commas or newlines.
properties: LBRACE field? (fieldSep field?)* RBRACE;
fieldSep: COMMA | NL | SEMI;
field: key=label COLON NL* value=expr;

expr
    : callee=expr LPAREN (argument (COMMA argument)*)? RPAREN      #call
    | target=expr DOT field_=label                                 #fieldAccess
    | target=expr LBRACK lo=expr (RANGE hi=expr)? RBRACK           #slice
    | actor=(CPU | IDENT) READS target=expr                        #read
    | op=(MINUS | TILDE) operand=expr                              #unary
    | left=expr op=(STAR | SLASH | PERCENT) NL* right=expr         #binary
    | left=expr op=(PLUS | MINUS) NL* right=expr                   #binary
    | left=expr op=(SHL | SHR) NL* right=expr                      #binary
    | left=expr op=AMP NL* right=expr                              #binary
    | left=expr op=CARET NL* right=expr                            #binary
    | left=expr op=PIPE NL* right=expr                             #binary
    | left=expr op=(EQ | NE | LT | LE | GT | GE) NL* right=expr    #binary
    | op=NOT operand=expr                                          #unary
    | left=expr op=AND NL* right=expr                              #binary
    | left=expr op=OR NL* right=expr                               #binary
    | INT                                                          #intLiteral
    | STRING                                                       #stringLiteral
    | (TRUE | FALSE)                                               #boolLiteral
    | NULL                                                         #nullLiteral
    | IDENT                                                        #name
    | CPU                                                          #cpuName
    | LBRACK (expr (COMMA expr)* COMMA?)? RBRACK                   #listLiteral
    | properties                                                   #recordLiteral
    | ASYNC actor=(CPU | IDENT) (VIA via=IDENT)?
        (AFTER NL* after+=expr (COMMA NL* after+=expr)*)? block    #async
    | LPAREN expr RPAREN                                           #paren
    ;

argument: (key=label COLON)? value=expr;

// A field or key name: keywords are fine after '.' and before ':' (`c.cpu`, `{ cpu: v }`).
label
    : IDENT | ARCH | MACHINE | DEVICE | PRESET | PROFILE | LET | FN | RETURN | IF | ELSE | FOR | IN
    | WHILE | EXPECT | SOMETIMES | NEVER | ALWAYS | REPORT | IMPORT | TRUE | FALSE | NULL | CPU
    | READS | WRITES | AND | OR | NOT | ASYNC | AFTER | WAIT | UNTIL | VIA
    ;
