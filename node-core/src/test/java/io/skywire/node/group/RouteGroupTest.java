package io.skywire.node.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Reordering across members, acknowledgement, resend after a member dies, parity rebuild, flow control. */
class RouteGroupTest {

    private static final GroupConfig PLAIN = new GroupConfig(100, 128, 64 * 1024, 4096, false);
    private static final GroupConfig PARITY = new GroupConfig(100, 128, 64 * 1024, 4096, true);

    private static byte[] data(int length, long seed) {
        byte[] bytes = new byte[length];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void chunksInterleavedAcrossMembersArriveInOrderExactlyOnceAndAreAcknowledged() {
        for (long seed = 1; seed <= 20; seed++) {
            GroupPair pair = new GroupPair(PLAIN, 3, 8, seed);
            byte[] sent = data(20_000 + (int) seed * 37, seed);
            pair.transfer(sent, -1, 0);
            assertThat(pair.bReceivedExactly(sent)).isTrue();
            assertThat(pair.a.allAcknowledged()).isTrue();
            assertThat(pair.b.counters().get(GroupCounter.DATA_DUPLICATE)).isZero();
            assertThat(pair.a.counters().get(GroupCounter.CHUNKS_RESENT)).isZero();
            assertThat(pair.b.counters().get(GroupCounter.ACKS_SENT)).isPositive();
        }
    }

    @Test
    void everyMemberCarriesChunksSoBandwidthAddsUp() {
        GroupPair pair = new GroupPair(PLAIN, 3, 4, 5);
        long[] carried = new long[3];
        pair.a.write(data(3_000, 1), 0, 3_000);
        pair.a.flush((handle, frame) -> {
            carried[(int) handle.value() - 100]++;
            return carried[(int) handle.value() - 100] <= 4;
        });
        // Each member takes frames until its queue is full: 4 each of the 30 chunks.
        assertThat(carried).containsExactly(5, 5, 5);
        assertThat(pair.a.counters().get(GroupCounter.CHUNKS_SENT)).isEqualTo(12);
    }

    @Test
    void chunksOnAMemberThatDiesAreResentOnTheOthersAndNoByteIsLost() {
        for (long seed = 1; seed <= 20; seed++) {
            GroupPair pair = new GroupPair(PLAIN, 3, 8, seed);
            byte[] sent = data(30_000, seed);
            pair.transfer(sent, 100, (int) (seed % 3));
            assertThat(pair.bReceivedExactly(sent)).as("seed %d", seed).isTrue();
            assertThat(pair.a.counters().get(GroupCounter.CHUNKS_RESENT)).as("seed %d", seed).isPositive();
            assertThat(pair.a.liveMembers()).isEqualTo(2);
            assertThat(pair.a.allAcknowledged()).isTrue();
        }
    }

    @Test
    void withParityALostMemberIsRebuiltWithoutResending() {
        for (long seed = 1; seed <= 20; seed++) {
            GroupPair pair = new GroupPair(PARITY, 3, 8, seed);
            byte[] sent = data(30_000 + (int) seed, seed);
            pair.transfer(sent, 150, (int) (seed % 3));
            assertThat(pair.bReceivedExactly(sent)).as("seed %d", seed).isTrue();
            assertThat(pair.a.counters().get(GroupCounter.CHUNKS_RESENT)).as("seed %d", seed).isZero();
            assertThat(pair.b.counters().get(GroupCounter.CHUNKS_REBUILT)).as("seed %d", seed).isPositive();
            assertThat(pair.a.counters().get(GroupCounter.PARITY_SENT)).isPositive();
        }
    }

    @Test
    void twoMembersDyingOneAfterTheOtherStillLoseNothingWithParity() {
        GroupPair pair = new GroupPair(PARITY, 4, 6, 3);
        byte[] sent = data(40_000, 3);
        for (int step = 0; step < 1_000_000; step++) {
            pair.written += pair.a.write(sent, pair.written, sent.length - pair.written);
            pair.flush();
            if (step == 80) {
                pair.kill(1);
            } else if (step == 300) {
                pair.kill(2);
            }
            if (!pair.step()) {
                pair.flush();
                if (!pair.step()) {
                    break;
                }
            }
        }
        assertThat(pair.bReceivedExactly(sent)).isTrue();
        assertThat(pair.a.liveMembers()).isEqualTo(2);
    }

    @Test
    void aReaderThatStopsStopsTheSenderAtItsWindow() {
        GroupPair pair = new GroupPair(PLAIN, 2, 16, 9);
        pair.readAtB = false;
        byte[] sent = data(60_000, 9);
        pair.transfer(sent, -1, 0);
        // 128 chunks of 100 bytes is the window: the rest waits at the sender.
        assertThat(pair.b.available()).isEqualTo(128 * 100);
        assertThat(pair.b.counters().get(GroupCounter.DATA_OUTSIDE_WINDOW)).isZero();
        pair.readAtB = true;
        pair.drainB();
        pair.transfer(sent, -1, 0);
        assertThat(pair.bReceivedExactly(sent)).isTrue();
    }

    @Test
    void theGroupIsBrokenOnlyWhenEveryMemberIsGone() {
        GroupPair pair = new GroupPair(PLAIN, 2, 4, 1);
        pair.kill(0);
        assertThat(pair.a.isBroken()).isFalse();
        pair.kill(1);
        assertThat(pair.a.isBroken()).isTrue();
        assertThat(pair.a.counters().get(GroupCounter.MEMBERS_FAILED)).isEqualTo(2);
    }
}
