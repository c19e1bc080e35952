package org.dmasim.engine.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * The witnesses of one line's bytes, per byte range: a store into part of a line names only the
 * bytes it wrote, so a bounce copy-back of the first half of a line leaves the CPU's own write in
 * the second half under its own witness. Runs {@code [start(k), start(k+1))}, the last one to the
 * end of the value; immutable, and almost always one run.
 */
final class LineWitness {
    private static final int[] ONE_RUN = {0};

    private final int[] starts;
    private final String[] texts;

    private LineWitness(int[] starts, String[] texts) {
        this.starts = starts;
        this.texts = texts;
    }

    static LineWitness of(String text) {
        return new LineWitness(ONE_RUN, new String[] {text});
    }

    int runs() {
        return texts.length;
    }

    int start(int k) {
        return starts[k];
    }

    String text(int k) {
        return texts[k];
    }

    /** The first run's text: the whole witness when it is one run. */
    String first() {
        return texts[0];
    }

    String at(int i) {
        return texts[run(i)];
    }

    /** The run holding byte {@code i}. */
    private int run(int i) {
        int k = Arrays.binarySearch(starts, i);
        return k >= 0 ? k : -k - 2;
    }

    /** The end of run {@code k} within a value of {@code length} bytes. */
    private int end(int k, int length) {
        return k + 1 < starts.length ? starts[k + 1] : length;
    }

    /** This witness of a {@code size}-byte value with {@code [lo, hi)} named {@code text}. */
    LineWitness with(int lo, int hi, String text, int size) {
        if (lo >= hi) {
            return this;
        }
        if (lo == 0 && hi >= size) {
            return texts.length == 1 && texts[0].equals(text) ? this : of(text);
        }
        Builder b = new Builder();
        copyRuns(b, 0, lo);
        b.add(lo, text);
        if (hi < size) {
            copyRuns(b, hi, size);
        }
        return b.build();
    }

    /** This witness of a {@code size}-byte value with {@code [lo, lo+length)} taken from {@code other}'s {@code [0, length)}. */
    LineWitness with(int lo, int length, LineWitness other, int size) {
        if (other.texts.length == 1) {
            return with(lo, lo + length, other.texts[0], size);
        }
        Builder b = new Builder();
        copyRuns(b, 0, lo);
        for (int k = 0; k < other.texts.length && other.starts[k] < length; k++) {
            b.add(lo + other.starts[k], other.texts[k]);
        }
        if (lo + length < size) {
            copyRuns(b, lo + length, size);
        }
        return b.build();
    }

    /** The runs of {@code [lo, hi)}, shifted to start at 0. */
    LineWitness slice(int lo, int hi) {
        int k = run(lo);
        if (k + 1 >= starts.length || starts[k + 1] >= hi) {
            return texts.length == 1 ? this : of(texts[k]);
        }
        Builder b = new Builder();
        for (; k < texts.length && starts[k] < hi; k++) {
            b.add(Math.max(0, starts[k] - lo), texts[k]);
        }
        return b.build();
    }

    LineWitness map(UnaryOperator<String> f) {
        String[] out = new String[texts.length];
        for (int k = 0; k < texts.length; k++) {
            out[k] = f.apply(texts[k]);
        }
        return merged(starts, out);
    }

    /** The byte-wise combination of two witnesses of the same bytes: {@code f(a.at(i), b.at(i))}. */
    static LineWitness zip(LineWitness a, LineWitness b, BinaryOperator<String> f) {
        if (a.texts.length == 1 && b.texts.length == 1) {
            return of(f.apply(a.texts[0], b.texts[0]));
        }
        Builder out = new Builder();
        int i = 0;
        int j = 0;
        while (i < a.starts.length || j < b.starts.length) {
            int next = Math.min(i < a.starts.length ? a.starts[i] : Integer.MAX_VALUE,
                    j < b.starts.length ? b.starts[j] : Integer.MAX_VALUE);
            out.add(next, f.apply(a.at(next), b.at(next)));
            if (i < a.starts.length && a.starts[i] == next) {
                i++;
            }
            if (j < b.starts.length && b.starts[j] == next) {
                j++;
            }
        }
        return out.build();
    }

    /** Calls {@code f} for each run over {@code [lo, hi)}, clipped to it. */
    void forEach(int lo, int hi, RunConsumer f) {
        for (int k = run(lo); k < texts.length && starts[k] < hi; k++) {
            f.run(Math.max(lo, starts[k]), Math.min(hi, end(k, hi)), texts[k]);
        }
    }

    interface RunConsumer {
        void run(int from, int to, String text);
    }

    /**
     * The witness of the bytes {@code [lo, hi)} as a read shows it: one text when one names them
     * all, else each run with its range, offset by {@code base} (the bytes' position in the read).
     */
    Witness describe(int lo, int hi, long base) {
        int k = run(lo);
        if (k + 1 >= starts.length || starts[k + 1] >= hi) {
            return new Witness(texts[k]);
        }
        List<Witness.Part> parts = new ArrayList<>();
        forEach(lo, hi, (from, to, text) -> parts.add(new Witness.Part(base + from - lo, base + to - lo, text)));
        return Witness.of(parts);
    }

    /** The heap this witness holds beyond its texts (object, arrays), as {@link LineShape#heapBytes} counts. */
    long heapBytes() {
        long bytes = 16;
        if (texts.length > 1) {
            bytes += align(16 + 4L * starts.length) + align(16 + 4L * texts.length);
        } else {
            bytes += align(16 + 4); // the texts array; ONE_RUN is shared
        }
        return bytes;
    }

    /** Each distinct text, in order. */
    List<String> texts() {
        return List.of(texts);
    }

    private static long align(long n) {
        return (n + 7) & ~7L;
    }

    private void copyRuns(Builder b, int lo, int hi) {
        for (int k = run(Math.max(0, lo)); k < texts.length && starts[k] < hi; k++) {
            b.add(Math.max(lo, starts[k]), texts[k]);
        }
    }

    private static LineWitness merged(int[] starts, String[] texts) {
        Builder b = new Builder();
        for (int k = 0; k < texts.length; k++) {
            b.add(starts[k], texts[k]);
        }
        return b.build();
    }

    /** Runs added in ascending order of start; a run equal to the one before extends it, a later start replaces an earlier equal one. */
    private static final class Builder {
        private final List<Integer> starts = new ArrayList<>(4);
        private final List<String> texts = new ArrayList<>(4);

        void add(int start, String text) {
            int n = texts.size();
            if (n > 0 && starts.get(n - 1).intValue() == start) {
                texts.set(n - 1, text);
                if (n > 1 && texts.get(n - 2).equals(text)) {
                    starts.remove(n - 1);
                    texts.remove(n - 1);
                }
                return;
            }
            if (n > 0 && texts.get(n - 1).equals(text)) {
                return;
            }
            starts.add(start);
            texts.add(text);
        }

        LineWitness build() {
            if (texts.size() == 1) {
                return of(texts.get(0));
            }
            int[] s = new int[starts.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = starts.get(i);
            }
            return new LineWitness(s, texts.toArray(new String[0]));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LineWitness w && Arrays.equals(starts, w.starts) && Arrays.equals(texts, w.texts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(starts) + Arrays.hashCode(texts);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < texts.length; k++) {
            b.append(k == 0 ? "" : "; ").append(starts[k]).append(": ").append(texts[k]);
        }
        return b.toString();
    }
}
