package io.skywire.node.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded random runs: 2 to 5 members of different capacities, random interleaving, members dying at random steps
 * while one survives, with and without parity. Every run must deliver exactly the bytes written; with parity and a
 * single failure nothing may be resent.
 */
class RouteGroupRandomTest {

    private static final int RUNS = 150;

    @Test
    void everyRunDeliversExactlyWhatWasWritten() {
        SplittableRandom random = new SplittableRandom(2026);
        int withParityAndOneFailure = 0;
        for (int run = 0; run < RUNS; run++) {
            int members = 2 + random.nextInt(4);
            boolean erasure = random.nextBoolean();
            int chunk = 1 + random.nextInt(300);
            GroupConfig config = new GroupConfig(chunk, 64 + random.nextInt(200), 16 * 1024, 4096, erasure);
            GroupPair pair = new GroupPair(config, members, 1 + random.nextInt(12), random.nextLong());
            byte[] sent = new byte[1 + random.nextInt(40_000)];
            random.nextBytes(sent);
            int kills = random.nextInt(members);
            int[] killAt = new int[kills];
            for (int k = 0; k < kills; k++) {
                killAt[k] = random.nextInt(600);
            }
            int killed = 0;
            for (int step = 0; step < 2_000_000; step++) {
                pair.written += pair.a.write(sent, pair.written, sent.length - pair.written);
                pair.flush();
                for (int k = 0; k < kills; k++) {
                    if (killAt[k] == step) {
                        pair.kill(killed++);
                        pair.flush();
                    }
                }
                if (!pair.step()) {
                    pair.flush();
                    if (!pair.step() && step > 600) {
                        break;
                    }
                }
            }
            String what = String.format("run %d: %d members, erasure %s, %d kills, chunk %d, %d bytes", run, members,
                    erasure, kills, chunk, sent.length);
            if (!pair.bReceivedExactly(sent)) {
                byte[] got = pair.receivedAtB.toByteArray();
                what += " got " + got.length + " mismatch at " + java.util.Arrays.mismatch(got, sent) + " killAt "
                        + java.util.Arrays.toString(killAt) + " a " + pair.a.counters().snapshot() + " b "
                        + pair.b.counters().snapshot() + " allAcked " + pair.a.allAcknowledged() + " avail "
                        + pair.b.available();
            }
            assertThat(pair.bReceivedExactly(sent)).as(what).isTrue();
            assertThat(pair.a.allAcknowledged()).as(what).isTrue();
            if (erasure && killed == 1) {
                assertThat(pair.a.counters().get(GroupCounter.CHUNKS_RESENT)).as(what).isZero();
                withParityAndOneFailure++;
            }
        }
        assertThat(withParityAndOneFailure).isGreaterThan(10);
    }
}
