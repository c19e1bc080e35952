package org.dmasim.interpreter.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;
import org.dmasim.grammar.DmaScriptParser;
import org.dmasim.grammar.DmaScriptParserBaseVisitor;
import org.dmasim.interpreter.ast.Actor;
import org.dmasim.interpreter.ast.Argument;
import org.dmasim.interpreter.ast.BinaryOp;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.ast.Field;
import org.dmasim.interpreter.ast.Program;
import org.dmasim.interpreter.ast.Quantifier;
import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.ast.Statement;
import org.dmasim.interpreter.ast.UnaryOp;
import org.dmasim.interpreter.diag.Diagnostic;

/**
 * Parse tree to AST (Trino's AstBuilder): every {@code visitX} builds exactly one immutable node and stamps
 * its span, so nothing past this class sees an ANTLR type. Literal errors the lexer let through (an integer
 * above 2^64-1, an unknown string escape) are reported here.
 */
final class AstBuilder extends DmaScriptParserBaseVisitor<Object> {
    private final Consumer<Diagnostic> report;
    /** After a syntax error the tree has holes: skip the statements that cannot be built. */
    private final boolean tolerant;

    AstBuilder(Consumer<Diagnostic> report, boolean tolerant) {
        this.report = report;
        this.tolerant = tolerant;
    }

    // ---- program and statements

    @Override
    public Program visitProgram(DmaScriptParser.ProgramContext ctx) {
        int end = ctx.getStop() == null ? 0 : ctx.getStop().getStartIndex();
        return new Program(statements(ctx.statement()), new Span(0, Math.max(0, end)));
    }

    @Override
    public Statement.Block visitBlock(DmaScriptParser.BlockContext ctx) {
        return new Statement.Block(statements(ctx.statement()), span(ctx));
    }

    private List<Statement> statements(List<DmaScriptParser.StatementContext> contexts) {
        List<Statement> statements = new ArrayList<>();
        for (DmaScriptParser.StatementContext context : contexts) {
            if (!tolerant) {
                statements.add(statement(context));
                continue;
            }
            // A statement that recovery patched (an invented or skipped token) would carry made-up names
            // such as "<missing IDENT>": leave it out. The error is reported; this program will not run.
            if (isBroken(context)) {
                continue;
            }
            try {
                statements.add(statement(context));
            } catch (RuntimeException brokenByASyntaxError) {
                // a hole the checks above did not see; reported by the parser all the same
            }
        }
        return statements;
    }

    @Override
    public Statement visitArchDecl(DmaScriptParser.ArchDeclContext ctx) {
        return new Statement.ArchDecl(ctx.name.getText(), span(ctx.name), span(ctx));
    }

    @Override
    public Statement visitMachineDecl(DmaScriptParser.MachineDeclContext ctx) {
        return new Statement.MachineDecl(fields(ctx.properties()), span(ctx));
    }

    @Override
    public Statement visitDeviceDecl(DmaScriptParser.DeviceDeclContext ctx) {
        List<Field> fields = ctx.properties() == null ? List.of() : fields(ctx.properties());
        return new Statement.DeviceDecl(ctx.name.getText(), textOrNull(ctx.preset), spanOrNull(ctx.preset), fields,
                span(ctx));
    }

    @Override
    public Statement visitPresetDecl(DmaScriptParser.PresetDeclContext ctx) {
        return new Statement.PresetDecl(ctx.name.getText(), textOrNull(ctx.base), spanOrNull(ctx.base),
                fields(ctx.properties()), span(ctx));
    }

    @Override
    public Statement visitProfileDecl(DmaScriptParser.ProfileDeclContext ctx) {
        return new Statement.ProfileDecl(ctx.name.getText(), fields(ctx.properties()), span(ctx));
    }

    @Override
    public Statement visitImportStmt(DmaScriptParser.ImportStmtContext ctx) {
        return new Statement.Import(Literals.string(ctx.path.getText(), ctx.path.getStartIndex(), report), span(ctx));
    }

    @Override
    public Statement visitLetStmt(DmaScriptParser.LetStmtContext ctx) {
        return new Statement.Let(ctx.name.getText(), span(ctx.name), expr(ctx.value), span(ctx));
    }

    @Override
    public Statement visitAssignStmt(DmaScriptParser.AssignStmtContext ctx) {
        return new Statement.Assign(ctx.name.getText(), span(ctx.name), expr(ctx.value), span(ctx));
    }

    @Override
    public Statement visitFnDecl(DmaScriptParser.FnDeclContext ctx) {
        // The first IDENT is the function's name, the rest are its parameters.
        List<String> params = ctx.IDENT().stream().skip(1).map(node -> node.getText()).toList();
        return new Statement.FnDecl(ctx.name.getText(), params, visitBlock(ctx.block()), span(ctx));
    }

    @Override
    public Statement visitReturnStmt(DmaScriptParser.ReturnStmtContext ctx) {
        return new Statement.Return(ctx.value == null ? null : expr(ctx.value), span(ctx));
    }

    @Override
    public Statement visitIfStmt(DmaScriptParser.IfStmtContext ctx) {
        return visitIfClause(ctx.ifClause());
    }

    @Override
    public Statement.If visitIfClause(DmaScriptParser.IfClauseContext ctx) {
        Statement orElse = null;
        if (ctx.elseIf != null) {
            orElse = visitIfClause(ctx.elseIf);
        } else if (ctx.otherwise != null) {
            orElse = visitBlock(ctx.otherwise);
        }
        return new Statement.If(expr(ctx.cond), visitBlock(ctx.then), orElse, span(ctx));
    }

    @Override
    public Statement visitForStmt(DmaScriptParser.ForStmtContext ctx) {
        Expr end = ctx.end == null ? null : expr(ctx.end);
        return new Statement.For(ctx.var.getText(), expr(ctx.source), end, visitBlock(ctx.block()), span(ctx));
    }

    @Override
    public Statement visitWhileStmt(DmaScriptParser.WhileStmtContext ctx) {
        return new Statement.While(expr(ctx.cond), visitBlock(ctx.block()), span(ctx));
    }

    @Override
    public Statement visitExpectReport(DmaScriptParser.ExpectReportContext ctx) {
        List<String> codes = ctx.codes.stream().map(Token::getText).toList();
        List<Span> codeSpans = ctx.codes.stream().map(AstBuilder::span).toList();
        return new Statement.ExpectReport(ctx.never != null, codes, codeSpans, visitBlock(ctx.block()), span(ctx));
    }

    @Override
    public Statement visitExpectStmt(DmaScriptParser.ExpectStmtContext ctx) {
        // `expect clean` is its own statement, not a check of a variable named clean.
        if (ctx.quantifier == null && ctx.cond instanceof DmaScriptParser.NameContext name
                && name.getText().equals("clean")) {
            return new Statement.ExpectClean(span(ctx));
        }
        Quantifier quantifier = ctx.quantifier == null ? Quantifier.DEFAULT : switch (ctx.quantifier.getType()) {
            case DmaScriptParser.SOMETIMES -> Quantifier.SOMETIMES;
            case DmaScriptParser.NEVER -> Quantifier.NEVER;
            default -> Quantifier.ALWAYS;
        };
        return new Statement.Expect(quantifier, expr(ctx.cond), span(ctx));
    }

    @Override
    public Statement visitWriteStmt(DmaScriptParser.WriteStmtContext ctx) {
        return new Statement.Write(actor(ctx.actor), expr(ctx.target), expr(ctx.value), span(ctx));
    }

    @Override
    public Statement visitWaitStmt(DmaScriptParser.WaitStmtContext ctx) {
        return new Statement.Wait(expr(ctx.job), span(ctx));
    }

    @Override
    public Statement visitWaitUntilStmt(DmaScriptParser.WaitUntilStmtContext ctx) {
        return new Statement.WaitUntil(expr(ctx.cond), span(ctx));
    }

    @Override
    public Statement visitExprStmt(DmaScriptParser.ExprStmtContext ctx) {
        return new Statement.ExprStatement(expr(ctx.expr()), span(ctx));
    }

    // ---- expressions

    @Override
    public Expr visitCall(DmaScriptParser.CallContext ctx) {
        List<Argument> arguments = ctx.argument().stream().map(this::visitArgument).toList();
        return new Expr.Call(expr(ctx.callee), arguments, span(ctx));
    }

    @Override
    public Argument visitArgument(DmaScriptParser.ArgumentContext ctx) {
        return new Argument(ctx.key == null ? null : ctx.key.getText(), expr(ctx.value), span(ctx));
    }

    @Override
    public Expr visitFieldAccess(DmaScriptParser.FieldAccessContext ctx) {
        return new Expr.FieldAccess(expr(ctx.target), ctx.field_.getText(), span(ctx.field_), span(ctx));
    }

    @Override
    public Expr visitSlice(DmaScriptParser.SliceContext ctx) {
        return new Expr.Slice(expr(ctx.target), expr(ctx.lo), ctx.hi == null ? null : expr(ctx.hi), span(ctx));
    }

    @Override
    public Expr visitRead(DmaScriptParser.ReadContext ctx) {
        return new Expr.Read(actor(ctx.actor), expr(ctx.target), span(ctx));
    }

    @Override
    public Expr visitUnary(DmaScriptParser.UnaryContext ctx) {
        UnaryOp op = switch (ctx.op.getType()) {
            case DmaScriptParser.MINUS -> UnaryOp.NEGATE;
            case DmaScriptParser.TILDE -> UnaryOp.BIT_NOT;
            default -> UnaryOp.NOT;
        };
        return new Expr.Unary(op, expr(ctx.operand), span(ctx.op), span(ctx));
    }

    @Override
    public Expr visitBinary(DmaScriptParser.BinaryContext ctx) {
        BinaryOp op = BinaryOp.ofSymbol(ctx.op.getText());
        return new Expr.Binary(op, expr(ctx.left), expr(ctx.right), span(ctx.op), span(ctx));
    }

    @Override
    public Expr visitIntLiteral(DmaScriptParser.IntLiteralContext ctx) {
        Span span = span(ctx);
        return new Expr.IntLiteral(Literals.integer(ctx.getText(), span, report), span);
    }

    @Override
    public Expr visitStringLiteral(DmaScriptParser.StringLiteralContext ctx) {
        return new Expr.StringLiteral(Literals.string(ctx.getText(), ctx.start.getStartIndex(), report), span(ctx));
    }

    @Override
    public Expr visitBoolLiteral(DmaScriptParser.BoolLiteralContext ctx) {
        return new Expr.BoolLiteral(ctx.TRUE() != null, span(ctx));
    }

    @Override
    public Expr visitNullLiteral(DmaScriptParser.NullLiteralContext ctx) {
        return new Expr.NullLiteral(span(ctx));
    }

    @Override
    public Expr visitName(DmaScriptParser.NameContext ctx) {
        return new Expr.Name(ctx.getText(), span(ctx));
    }

    @Override
    public Expr visitCpuName(DmaScriptParser.CpuNameContext ctx) {
        return new Expr.Name(Actor.CPU, span(ctx));
    }

    @Override
    public Expr visitListLiteral(DmaScriptParser.ListLiteralContext ctx) {
        return new Expr.ListLiteral(ctx.expr().stream().map(this::expr).toList(), span(ctx));
    }

    @Override
    public Expr visitRecordLiteral(DmaScriptParser.RecordLiteralContext ctx) {
        return new Expr.RecordLiteral(fields(ctx.properties()), span(ctx));
    }

    @Override
    public Expr visitAsync(DmaScriptParser.AsyncContext ctx) {
        List<Expr> after = ctx.after.stream().map(this::expr).toList();
        return new Expr.Async(actor(ctx.actor), textOrNull(ctx.via), spanOrNull(ctx.via), after,
                visitBlock(ctx.block()), span(ctx));
    }

    /** Parentheses only group: the inner expression is the node. */
    @Override
    public Expr visitParen(DmaScriptParser.ParenContext ctx) {
        return expr(ctx.expr());
    }

    @Override
    public Field visitField(DmaScriptParser.FieldContext ctx) {
        return new Field(ctx.key.getText(), expr(ctx.value), span(ctx.key), span(ctx));
    }

    // ---- pieces

    private List<Field> fields(DmaScriptParser.PropertiesContext ctx) {
        return ctx.field().stream().map(this::visitField).toList();
    }

    private Statement statement(DmaScriptParser.StatementContext ctx) {
        return (Statement) visit(ctx);
    }

    private Expr expr(DmaScriptParser.ExprContext ctx) {
        return (Expr) visit(ctx);
    }

    private static Actor actor(Token token) {
        return new Actor(token.getText(), span(token));
    }

    private static String textOrNull(Token token) {
        return token == null ? null : token.getText();
    }

    private static Span spanOrNull(Token token) {
        return token == null ? null : span(token);
    }

    private static boolean isBroken(ParseTree tree) {
        if (tree instanceof ErrorNode || tree instanceof ParserRuleContext ctx && ctx.exception != null) {
            return true;
        }
        for (int i = 0; i < tree.getChildCount(); i++) {
            if (isBroken(tree.getChild(i))) {
                return true;
            }
        }
        return false;
    }

    static Span span(Token token) {
        int start = token.getStartIndex();
        return new Span(start, Math.max(start, token.getStopIndex() + 1));
    }

    static Span span(ParserRuleContext ctx) {
        int start = ctx.getStart().getStartIndex();
        Token stop = ctx.getStop();
        int end = stop == null ? start : Math.max(start, stop.getStopIndex() + 1);
        return new Span(start, end);
    }
}
