package org.dmasim.junit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardTest {
    @Test
    void everyPositionFallsInExactlyOneShardAndSizesDifferByAtMostOne() {
        for (int count = 1; count <= 7; count++) {
            List<Integer> sizes = new ArrayList<>();
            for (int index = 1; index <= count; index++) {
                Shard shard = new Shard(index, count);
                int size = 0;
                for (int position = 0; position < 23; position++) {
                    size += shard.includes(position) ? 1 : 0;
                }
                sizes.add(size);
            }
            for (int position = 0; position < 23; position++) {
                int owners = 0;
                for (int index = 1; index <= count; index++) {
                    owners += new Shard(index, count).includes(position) ? 1 : 0;
                }
                assertEquals(1, owners, "position " + position + " of " + count + " shards");
            }
            int min = sizes.stream().min(Integer::compare).orElseThrow();
            int max = sizes.stream().max(Integer::compare).orElseThrow();
            assertEquals(true, max - min <= 1, sizes.toString());
        }
    }

    @Test
    void parsesAndPrintsIOverN() {
        assertEquals(new Shard(2, 4), Shard.parse(" 2/4 "));
        assertEquals("2/4", new Shard(2, 4).toString());
    }

    @Test
    void rejectsWhatIsNotAShard() {
        for (String bad : new String[] {"0/2", "3/2", "1/0", "2", "a/b", "-1/3"}) {
            assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad), bad);
        }
    }
}
