package io.skywire.node.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The received-packet window and the route table against simple reference models. */
class WindowAndTableTest {

    @Test
    void receivedWindowMatchesASetModelAndItsBitmapAcknowledgesWhatArrived() {
        ReceivedWindow window = new ReceivedWindow();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        SplittableRandom random = new SplittableRandom(2);
        long next = 0;
        for (int i = 0; i < 5_000; i++) {
            long pn = Math.max(0, next - random.nextInt(0, 40));
            next += random.nextInt(0, 3);
            ReceivedWindow.Verdict verdict = window.classify(pn);
            if (pn <= window.largest() - 257) {
                assertThat(verdict).isEqualTo(ReceivedWindow.Verdict.OUTSIDE);
                continue;
            }
            assertThat(verdict).isEqualTo(seen.contains(pn) ? ReceivedWindow.Verdict.DUPLICATE : ReceivedWindow.Verdict.NEW);
            if (verdict == ReceivedWindow.Verdict.NEW) {
                window.record(pn, i);
                seen.add(pn);
            }
        }
        byte[] bitmap = window.bitmap();
        for (int bit = 0; bit < bitmap.length * 8; bit++) {
            boolean acked = (bitmap[bit >>> 3] & (1 << (bit & 7))) != 0;
            assertThat(acked).isEqualTo(seen.contains(window.largest() - 1 - bit));
        }
    }

    @Test
    void routeTableMatchesAHashMapThroughGrowthAndRemoval() {
        RouteTable<RouteLeg> table = new RouteTable<>(4);
        Map<String, RouteLeg> model = new HashMap<>();
        SplittableRandom random = new SplittableRandom(3);
        long[][] keys = new long[3_000][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new long[] {random.nextInt(4), random.nextLong(), random.nextLong() & 0xFF};
        }
        for (int step = 0; step < 40_000; step++) {
            long[] key = keys[random.nextInt(keys.length)];
            String name = key[0] + ":" + key[1] + ":" + key[2];
            if (random.nextBoolean() && !model.containsKey(name)) {
                RouteLeg leg = new RouteLeg(new Route(new RouteHandle(step), Route.Role.TRANSIT, QosClass.BULK,
                        ForwardingMode.STORE_AND_FORWARD, 16_384, 0), null, key[1], key[2]);
                table.put((int) key[0], key[1], key[2], leg);
                model.put(name, leg);
            } else if (random.nextBoolean()) {
                table.remove((int) key[0], key[1], key[2]);
                model.remove(name);
            }
            assertThat(table.get((int) key[0], key[1], key[2])).isSameAs(model.get(name));
        }
        assertThat(table.size()).isEqualTo(model.size());
        for (long[] key : keys) {
            assertThat(table.get((int) key[0], key[1], key[2])).isSameAs(model.get(key[0] + ":" + key[1] + ":" + key[2]));
        }
    }
}
