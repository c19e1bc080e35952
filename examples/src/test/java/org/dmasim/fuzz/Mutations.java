package org.dmasim.fuzz;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.dmasim.grammar.DmaScriptLexer;
import org.dmasim.interpreter.builtins.Builtin;
import org.dmasim.interpreter.builtins.BuiltinRegistry;
import org.dmasim.interpreter.builtins.Constant;

/**
 * Token-level mutations of the corpus scenarios: delete, duplicate or swap statements (lines),
 * replace an integer literal with an extreme one, swap an identifier for another of the same kind
 * (device for device, buffer for buffer, a sync builtin for another builtin of its group, a
 * direction for another direction), delete, duplicate or swap tokens.
 */
final class Mutations {
    /** One mutation: {@code kind} what, {@code i}, {@code j} where, {@code x} with what. */
    record Mutation(int kind, int i, int j, long x) {
    }

    /** A corpus scenario and the mutations applied to it in order. */
    record Mutant(int seed, List<Mutation> mutations) {
        Corpus.Seed source() {
            List<Corpus.Seed> all = Corpus.all();
            return all.get(Math.floorMod(seed, all.size()));
        }

        String text() {
            String t = source().text();
            for (Mutation m : mutations) {
                t = apply(t, m);
            }
            return t;
        }

        @Override
        public String toString() {
            return source().name() + " " + mutations;
        }
    }

    private static final BuiltinRegistry REGISTRY = BuiltinRegistry.standard();
    private static final Map<String, String> GROUP_OF = new HashMap<>();
    private static final Map<String, List<String>> GROUPS = new HashMap<>();

    static {
        for (Builtin b : REGISTRY.builtins()) {
            GROUP_OF.put(b.name(), "builtin:" + b.group());
        }
        for (Constant c : REGISTRY.constants()) {
            GROUP_OF.put(c.name(), "constant:" + c.group());
        }
        GROUP_OF.forEach((name, group) -> GROUPS.computeIfAbsent(group, g -> new ArrayList<>()).add(name));
        GROUPS.values().forEach(java.util.Collections::sort);
    }

    private Mutations() {
    }

    static Arbitrary<Mutant> mutants() {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 1 << 16), Arbitraries.integers().between(0, 1 << 16),
                Arbitraries.longs()).as(Mutation::new);
        return Combinators.combine(Arbitraries.integers().between(0, 1 << 16), one.list().ofMinSize(1).ofMaxSize(4))
                .as(Mutant::new);
    }

    static String apply(String text, Mutation m) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int n = lines.size();
        switch (m.kind()) {
            case 0 -> {
                lines.remove(Math.floorMod(m.i(), n));
                return String.join("\n", lines);
            }
            case 1 -> {
                String line = lines.get(Math.floorMod(m.i(), n));
                lines.add(Math.floorMod(m.j(), n + 1), line);
                return String.join("\n", lines);
            }
            case 2 -> {
                int a = Math.floorMod(m.i(), n);
                int b = Math.floorMod(m.j(), n);
                String t = lines.get(a);
                lines.set(a, lines.get(b));
                lines.set(b, t);
                return String.join("\n", lines);
            }
            default -> {
                return tokens(text, m);
            }
        }
    }

    private static String tokens(String text, Mutation m) {
        List<? extends Token> all = new DmaScriptLexer(CharStreams.fromString(text)).getAllTokens();
        List<Token> visible = new ArrayList<>();
        for (Token t : all) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL && t.getType() != DmaScriptLexer.NL) {
                visible.add(t);
            }
        }
        if (visible.isEmpty()) {
            return text;
        }
        switch (m.kind()) {
            case 3 -> {
                List<Token> ints = ofType(visible, DmaScriptLexer.INT);
                if (ints.isEmpty()) {
                    return text;
                }
                Token t = ints.get(Math.floorMod(m.i(), ints.size()));
                long v = Numbers.EXTREME[(int) Math.floorMod(m.x(), Numbers.EXTREME.length)];
                return replace(text, t, Numbers.literal(v, m.j()));
            }
            case 4, 8 -> {
                List<Token> idents = ofType(visible, DmaScriptLexer.IDENT);
                if (idents.isEmpty()) {
                    return text;
                }
                Map<String, String> kinds = kinds(visible);
                Token t = idents.get(Math.floorMod(m.i(), idents.size()));
                String kind = kinds.getOrDefault(t.getText(), "other");
                Set<String> same = new LinkedHashSet<>();
                kinds.forEach((name, k) -> {
                    if (k.equals(kind)) {
                        same.add(name);
                    }
                });
                same.addAll(GROUPS.getOrDefault(kind, List.of()));
                List<String> options = new ArrayList<>(same);
                return replace(text, t, options.get((int) Math.floorMod(m.x(), options.size())));
            }
            case 5 -> {
                return replace(text, visible.get(Math.floorMod(m.i(), visible.size())), "");
            }
            case 6 -> {
                Token t = visible.get(Math.floorMod(m.i(), visible.size()));
                return replace(text, t, t.getText() + " " + t.getText());
            }
            default -> {
                if (visible.size() < 2) {
                    return text;
                }
                int a = Math.floorMod(m.i(), visible.size() - 1);
                Token t1 = visible.get(a);
                Token t2 = visible.get(a + 1);
                return text.substring(0, t1.getStartIndex()) + t2.getText()
                        + text.substring(t1.getStopIndex() + 1, t2.getStartIndex()) + t1.getText()
                        + text.substring(t2.getStopIndex() + 1);
            }
        }
    }

    private static List<Token> ofType(List<Token> tokens, int type) {
        return tokens.stream().filter(t -> t.getType() == type).toList();
    }

    /**
     * The kind of every identifier: builtins and constants by their registry group, devices, names
     * bound by {@code let} by the builtin that made them ({@code let m = dma_map_single(...)}).
     */
    private static Map<String, String> kinds(List<Token> tokens) {
        Map<String, String> kinds = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.getType() != DmaScriptLexer.IDENT) {
                continue;
            }
            String group = GROUP_OF.get(t.getText());
            if (group != null) {
                kinds.put(t.getText(), group);
            } else if (i > 0 && tokens.get(i - 1).getType() == DmaScriptLexer.DEVICE) {
                kinds.put(t.getText(), "device");
            } else if (i > 0 && tokens.get(i - 1).getType() == DmaScriptLexer.LET && i + 2 < tokens.size()) {
                Token callee = tokens.get(i + 2);
                kinds.put(t.getText(), "let:" + (callee.getType() == DmaScriptLexer.IDENT ? callee.getText() : "value"));
            } else {
                kinds.putIfAbsent(t.getText(), "other");
            }
        }
        return kinds;
    }

    private static String replace(String text, Token t, String with) {
        return text.substring(0, t.getStartIndex()) + with + text.substring(t.getStopIndex() + 1);
    }
}
