package org.dmasim.interpreter.parse;

import static org.dmasim.interpreter.parse.Parsing.expr;
import static org.dmasim.interpreter.parse.Parsing.statement;
import static org.dmasim.interpreter.parse.Parsing.statements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dmasim.interpreter.ast.BinaryOp;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.ast.Quantifier;
import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.ast.Statement;
import org.dmasim.interpreter.ast.UnaryOp;
import org.junit.jupiter.api.Test;

/** The tree the parser builds: precedence, line continuation, and every statement's shape. */
class AstShapeTest {

    @Test
    void aReadBindsTighterThanComparison() {
        Expr.Binary eq = assertInstanceOf(Expr.Binary.class, expr("cpu reads rx[0..64] == 0x5A"));
        assertEquals(BinaryOp.EQ, eq.op());
        Expr.Read read = assertInstanceOf(Expr.Read.class, eq.left());
        assertTrue(read.actor().isCpu());
        Expr.Slice slice = assertInstanceOf(Expr.Slice.class, read.target());
        assertEquals(new Expr.Name("rx", new Span(10, 12)), slice.target());
        assertEquals(64, ((Expr.IntLiteral) slice.hi()).value());
        assertEquals(0x5A, ((Expr.IntLiteral) eq.right()).value());
        assertEquals(new Span(20, 22), eq.opSpan());
        assertEquals(new Span(0, 27), eq.span());
    }

    @Test
    void aDeviceReadNamesItsActor() {
        Expr.Read read = assertInstanceOf(Expr.Read.class, expr("nic reads m[0..64]"));
        assertEquals("nic", read.actor().name());
        assertEquals(new Span(0, 3), read.actor().span());
    }

    @Test
    void notAppliesToTheWholeCall() {
        Statement.Expect expect = assertInstanceOf(Statement.Expect.class, statement("expect not dma_mapping_error(nic, m)"));
        assertEquals(Quantifier.DEFAULT, expect.quantifier());
        Expr.Unary not = assertInstanceOf(Expr.Unary.class, expect.condition());
        assertEquals(UnaryOp.NOT, not.op());
        Expr.Call call = assertInstanceOf(Expr.Call.class, not.operand());
        assertEquals(2, call.arguments().size());
        assertEquals(new Span(7, 10), not.opSpan());
    }

    @Test
    void arithmeticPrecedence() {
        Expr.Binary or = (Expr.Binary) expr("a | b & c == d + e * f");
        assertEquals(BinaryOp.EQ, or.op(), "comparison binds loosest of these");
        Expr.Binary bits = (Expr.Binary) or.left();
        assertEquals(BinaryOp.BIT_OR, bits.op());
        assertEquals(BinaryOp.BIT_AND, ((Expr.Binary) bits.right()).op());
        Expr.Binary sum = (Expr.Binary) or.right();
        assertEquals(BinaryOp.ADD, sum.op());
        assertEquals(BinaryOp.MUL, ((Expr.Binary) sum.right()).op());
        Expr.Binary logic = (Expr.Binary) expr("not a and b or c");
        assertEquals(BinaryOp.OR, logic.op());
        assertEquals(BinaryOp.AND, ((Expr.Binary) logic.left()).op());
        assertInstanceOf(Expr.Unary.class, ((Expr.Binary) logic.left()).left());
        Expr.Binary minus = (Expr.Binary) expr("-a - ~b");
        assertEquals(UnaryOp.NEGATE, ((Expr.Unary) minus.left()).op());
        assertEquals(UnaryOp.BIT_NOT, ((Expr.Unary) minus.right()).op());
        Expr.Binary leftAssoc = (Expr.Binary) expr("a - b - c");
        assertInstanceOf(Expr.Binary.class, leftAssoc.left());
    }

    @Test
    void aNewlineAfterAnOperatorContinues() {
        Statement.Let let = (Statement.Let) statement("let x = a +\n b");
        assertEquals(BinaryOp.ADD, ((Expr.Binary) let.value()).op());
        assertEquals(2, statements("let x = a\n- b").size(), "a newline before the operator ends the statement");
        assertInstanceOf(Expr.Binary.class, ((Statement.Let) statement("let y =\n 1 + 2")).value());
    }

    @Test
    void aNewlineInsideParenthesesOrBracketsContinues() {
        Expr.Call call = (Expr.Call) expr("dma_map_single(\n  nic,\n  rx,\n  DMA_TO_DEVICE\n)");
        assertEquals(3, call.arguments().size());
        Expr.ListLiteral list = (Expr.ListLiteral) expr("[\n1,\n2,\n3,\n]");
        assertEquals(3, list.items().size());
        Expr.Slice slice = (Expr.Slice) expr("bo[0\n..\n64]");
        assertEquals(64, ((Expr.IntLiteral) slice.hi()).value());
        Expr.Call records = (Expr.Call) expr("f({ a: 1\n b: 2 },\n 3)");
        assertEquals(2, ((Expr.RecordLiteral) records.arguments().get(0).value()).fields().size());
    }

    @Test
    void semicolonsSeparateStatements() {
        List<Statement> statements = statements("let a = 1; let b = 2;; a = b\n;");
        assertEquals(3, statements.size());
        assertInstanceOf(Statement.Assign.class, statements.get(2));
    }

    @Test
    void devicePropertiesBySeparator() {
        Statement.DeviceDecl commas = (Statement.DeviceDecl) statement("device display { dma_mask: 64, coherent: true, iommu: true }");
        assertEquals(List.of("dma_mask", "coherent", "iommu"), commas.fields().stream().map(f -> f.key()).toList());
        assertNull(commas.preset());
        Statement.DeviceDecl lines = (Statement.DeviceDecl) statement(
                "device gpu {\n    dma_mask: 32   # bits\n    coherent: false\n}");
        assertEquals(2, lines.fields().size());
        assertEquals(new Span(17, 25), lines.fields().get(0).keySpan());
        Statement.DeviceDecl preset = (Statement.DeviceDecl) statement("device cam: v4l2_camera { dma_offset: 0x8000_0000 }");
        assertEquals("v4l2_camera", preset.preset());
        assertEquals(0x8000_0000L, ((Expr.IntLiteral) preset.fields().get(0).value()).value());
        Statement.MachineDecl machine = (Statement.MachineDecl) statement("machine { ram: 8GiB, swiotlb: 64MiB }");
        assertEquals(8L << 30, ((Expr.IntLiteral) machine.fields().get(0).value()).value());
        assertInstanceOf(Statement.DeviceDecl.class, statement("device bare"));
        Statement.PresetDecl presetDecl = (Statement.PresetDecl) statement("preset v4l2_camera: base { dma_mask: 32 }");
        assertEquals("base", presetDecl.base());
        Statement.ProfileDecl profile = (Statement.ProfileDecl) statement(
                "profile arm64 {\n cache_line: 64, page_size: 4KiB\n for_device: { DMA_TO_DEVICE: clean }\n}");
        assertEquals(3, profile.fields().size());
        assertInstanceOf(Expr.RecordLiteral.class, profile.fields().get(2).value());
    }

    @Test
    void recordsAndKeywordFields() {
        Expr.RecordLiteral record = (Expr.RecordLiteral) expr("{ key: value, cpu: 1 }");
        assertEquals("cpu", record.fields().get(1).key());
        Expr.FieldAccess field = (Expr.FieldAccess) ((Expr.Slice) expr("c.cpu[0..64]")).target();
        assertEquals("cpu", field.field());
        assertEquals(new Span(2, 5), field.fieldSpan());
    }

    @Test
    void keywordArguments() {
        Expr.Call call = (Expr.Call) expr("dma_buf_dynamic_attach(buf, nic, peer2peer: true)");
        assertNull(call.arguments().get(0).key());
        assertEquals("peer2peer", call.arguments().get(2).key());
        assertEquals(new Expr.BoolLiteral(true, new Span(44, 48)), call.arguments().get(2).value());
        assertEquals(new Span(33, 48), call.arguments().get(2).span());
    }

    @Test
    void integersWithSuffixesAndSeparators() {
        Expr.Binary eq = (Expr.Binary) expr("64KiB == 65536");
        assertEquals(65536, ((Expr.IntLiteral) eq.left()).value());
        assertEquals(65536, ((Expr.IntLiteral) expr("64 KiB")).value());
        assertEquals(new Span(0, 6), expr("64 KiB").span());
        assertEquals(0x8000_0000L, ((Expr.IntLiteral) expr("0x8000_0000")).value());
        assertEquals(10, ((Expr.IntLiteral) expr("0b1010")).value());
        assertEquals(1_000_000, ((Expr.IntLiteral) expr("1_000_000")).value());
        assertEquals(0xAB, ((Expr.IntLiteral) expr("0xAB")).value(), "B is a hex digit here, not bytes");
        assertEquals(16, ((Expr.IntLiteral) expr("16B")).value());
        assertEquals(3L << 40, ((Expr.IntLiteral) expr("3TiB")).value());
        assertEquals(-1L, ((Expr.IntLiteral) expr("0xffff_ffff_ffff_ffff")).value(), "2^64-1 wraps to -1");
        assertEquals(-1L, ((Expr.IntLiteral) expr("18446744073709551615")).value());
        assertEquals(16, ((Expr.IntLiteral) expr("16 B")).value());
    }

    @Test
    void stringEscapes() {
        assertEquals("a\nb\t\"c\\\u00ff", ((Expr.StringLiteral) expr("\"a\\nb\\t\\\"c\\\\\\xff\"")).value());
    }

    @Test
    void expectForms() {
        Statement.ExpectReport report = (Statement.ExpectReport) statement(
                "expect report DMA_SYNC_DIR_MISMATCH, DMA_SYNC_READONLY_FOR_CPU {\n"
                        + "    dma_sync_single_for_cpu(nic, m3, 4KiB, DMA_FROM_DEVICE)\n}");
        assertEquals(List.of("DMA_SYNC_DIR_MISMATCH", "DMA_SYNC_READONLY_FOR_CPU"), report.codes());
        assertEquals(new Span(14, 35), report.codeSpans().get(0));
        assertEquals(1, report.body().statements().size());
        assertEquals(Quantifier.SOMETIMES, ((Statement.Expect) statement("expect sometimes cpu reads b == 1")).quantifier());
        assertEquals(Quantifier.NEVER, ((Statement.Expect) statement("expect never cpu reads b == 1")).quantifier());
        assertEquals(Quantifier.ALWAYS, ((Statement.Expect) statement("expect always cpu reads b == 1")).quantifier());
        assertEquals(new Statement.ExpectClean(new Span(0, 12)), statement("expect clean"));
        assertInstanceOf(Statement.Expect.class, statement("expect clean == 1"));
        assertInstanceOf(Statement.Expect.class, statement("expect always clean"));
    }

    @Test
    void loops() {
        Statement.For range = (Statement.For) statement("for i in 0..4 {}");
        assertEquals("i", range.variable());
        assertEquals(4, ((Expr.IntLiteral) range.end()).value());
        assertTrue(range.body().statements().isEmpty());
        Statement.For list = (Statement.For) statement("for f in [1, 2, 3] { n = n + f }");
        assertNull(list.end());
        assertInstanceOf(Expr.ListLiteral.class, list.source());
        Statement.While loop = (Statement.While) statement("while n < 3 { n = n + 1 }");
        assertInstanceOf(Statement.Assign.class, loop.body().statements().get(0));
    }

    @Test
    void functions() {
        Statement.FnDecl fn = (Statement.FnDecl) statement("fn f(a,b) { return a }");
        assertEquals("f", fn.name());
        assertEquals(List.of("a", "b"), fn.params());
        Statement.Return ret = (Statement.Return) fn.body().statements().get(0);
        assertEquals("a", ((Expr.Name) ret.value()).name());
        Statement.FnDecl bare = (Statement.FnDecl) statement("fn g() {\n  return\n}");
        assertTrue(bare.params().isEmpty());
        assertNull(((Statement.Return) bare.body().statements().get(0)).value());
    }

    @Test
    void ifElseChainsAcrossLines() {
        Statement.If first = (Statement.If) statement("if a {\n  x = 1\n}\nelse if b {\n  x = 2\n} else {\n  x = 3\n}");
        Statement.If second = assertInstanceOf(Statement.If.class, first.orElse());
        Statement.Block last = assertInstanceOf(Statement.Block.class, second.orElse());
        assertEquals(1, last.statements().size());
        assertNull(((Statement.If) statement("if a { b() }")).orElse());
    }

    @Test
    void writesAndReads() {
        Statement.Write write = (Statement.Write) statement("cpu writes bo[0..4KiB] = 0xAB");
        assertTrue(write.actor().isCpu());
        assertEquals(0xAB, ((Expr.IntLiteral) write.value()).value());
        Statement.Write device = (Statement.Write) statement("gpu writes m = pattern(7)");
        assertEquals("gpu", device.actor().name());
        assertInstanceOf(Expr.Read.class, ((Statement.Let) statement("let seen = cpu reads bo[0..64]")).value());
        Expr.Slice oneByte = (Expr.Slice) expr("x[3]");
        assertNull(oneByte.hi());
        assertEquals(new Expr.Name("cpu", new Span(6, 9)), ((Expr.Call) expr("print(cpu)")).arguments().get(0).value());
    }

    @Test
    void declarationsAndImports() {
        assertEquals("arm64", ((Statement.ArchDecl) statement("arch arm64")).name());
        assertEquals("lib/x.dma", ((Statement.Import) statement("import \"lib/x.dma\"")).path());
        Statement.Let let = (Statement.Let) statement("let n = null");
        assertEquals(new Span(4, 5), let.nameSpan());
        assertInstanceOf(Expr.NullLiteral.class, let.value());
    }

    @Test
    void spansAreCharOffsetsEvenAfterAnEmoji() {
        Statement.Let let = (Statement.Let) statements("# 😀 comment\nlet x = 1").get(0);
        assertEquals(new Span(17, 22), let.nameSpan().to(let.value().span()));
    }
}
