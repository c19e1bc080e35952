package org.dmasim.junit.engine;

/**
 * One share of a suite split across machines ({@code --shard 2/4}, {@code dmasim.shard=2/4}).
 * Scenarios are dealt round-robin in the order of their sorted unique ids, so every machine that
 * sees the same files computes the same split, every scenario lands in exactly one shard, and the
 * shards differ in size by at most one.
 *
 * @param index which share, from 1
 * @param count how many shares
 */
public record Shard(int index, int count) {
    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is I/N with 1 <= I <= N, not " + index + "/" + count);
        }
    }

    /** {@code "2/4"}. */
    public static Shard parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("a shard is written I/N (e.g. 1/4), not '" + text + "'");
        }
        try {
            return new Shard(Integer.parseInt(text.substring(0, slash).trim()),
                    Integer.parseInt(text.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a shard is written I/N (e.g. 1/4), not '" + text + "'", e);
        }
    }

    /** Whether the scenario at {@code position} (from 0) of the sorted list belongs to this share. */
    public boolean includes(int position) {
        return position % count == index - 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
