package org.dmasim.interpreter.explore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which merged events are shown: keys in order of first appearance; a key that is
 * new in a later execution goes after that execution's previous key (past keys other executions
 * put there), so each execution's events keep their order where they can.
 */
final class KeyOrder {
    private static final class Node {
        final String key;
        Node next;

        Node(String key) {
            this.key = key;
        }
    }

    private final Node head = new Node(null);
    private final Map<String, Node> nodes = new HashMap<>();

    /** Places the keys of one execution, in the order it produced them; {@code onTime} throws when out of time. */
    void add(List<String> keys, Set<String> mine, Runnable onTime) {
        Node cursor = head;
        long walked = 0;
        for (String k : keys) {
            Node known = nodes.get(k);
            if (known != null) {
                cursor = known;
                continue;
            }
            Node at = cursor;
            while (at.next != null && !mine.contains(at.next.key)) {
                at = at.next;
                // executions whose new events interleave walk far: look at the clock as Merge does
                if ((++walked & (Merge.BEAT - 1)) == 0) {
                    onTime.run();
                }
            }
            Node n = new Node(k);
            n.next = at.next;
            at.next = n;
            nodes.put(k, n);
            cursor = n;
        }
    }

    List<String> keys() {
        List<String> out = new ArrayList<>(nodes.size());
        for (Node n = head.next; n != null; n = n.next) {
            out.add(n.key);
        }
        return out;
    }
}
