package org.dmasim.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** LongMap against HashMap under random puts, gets and removes (clustered keys, as page indexes are). */
class LongMapTest {
    @Test
    void agreesWithHashMap() {
        Random r = new Random(1);
        LongMap<Long> map = new LongMap<>();
        Map<Long, Long> ref = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            long key = r.nextInt(3) == 0 ? r.nextLong() : r.nextInt(2000) - 1000;
            switch (r.nextInt(4)) {
                case 0, 1 -> assertEquals(ref.put(key, (long) i), map.put(key, (long) i));
                case 2 -> assertEquals(ref.remove(key), map.remove(key));
                default -> assertEquals(ref.get(key), map.get(key));
            }
            assertEquals(ref.size(), map.size());
        }
        for (long k : map.keys()) {
            assertEquals(ref.get(k), map.get(k));
        }
        assertEquals(ref.size(), map.keys().length);
    }
}
