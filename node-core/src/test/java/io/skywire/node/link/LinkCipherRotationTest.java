package io.skywire.node.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Drives two link ends through a simulated datagram network with reordering, duplication and loss of
 * control frames, in virtual time, across well over a hundred rotations per direction, and checks that
 * every data frame arrives exactly once.
 */
class LinkCipherRotationTest {

    static final long MS = 1_000_000L;
    static final int STEPS = 3_000;
    static final RekeyPolicy POLICY = new RekeyPolicy(Duration.ofMillis(20), 300, 1024, Duration.ofMillis(3),
            Duration.ofMillis(50));

    /** A frame in flight and when it lands. */
    record InFlight(byte[] frame, long deliverAtNanos) {
    }

    /** One direction of the simulated network plus the sending side's backlog and the receiver's tally. */
    static final class Direction {
        final LinkCipher sender;
        final LinkCipher receiver;
        final List<InFlight> wire = new ArrayList<>();
        final Deque<byte[]> backlog = new ArrayDeque<>();
        final BitSet delivered = new BitSet();
        long nextSequence;
        long duplicatesInjected;
        long controlDropped;
        long deliveredTwice;

        Direction(LinkCipher sender, LinkCipher receiver) {
            this.sender = sender;
            this.receiver = receiver;
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void everyDataFrameArrivesExactlyOnceAcrossManyRotations(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        LinkPair pair = LinkPair.create(POLICY, 100 * seed, 0);
        Direction forward = new Direction(pair.initiator(), pair.responder());
        Direction backward = new Direction(pair.responder(), pair.initiator());
        Direction[] directions = {forward, backward};

        long now = 0;
        for (int step = 0; step < STEPS; step++) {
            now = step * MS;
            for (Direction direction : directions) {
                int burst = random.nextInt(4);
                for (int i = 0; i < burst; i++) {
                    direction.backlog.add(ByteBuffer.allocate(8).putLong(direction.nextSequence++).array());
                }
                sendDue(direction, backward == direction ? forward : backward, now, random);
            }
            for (Direction direction : directions) {
                deliverDue(direction, directions, now, random);
            }
        }
        // Drain: no new data, keep time moving until both wires and backlogs are empty.
        for (int step = 0; step < 1_000 && !(idle(forward) && idle(backward)); step++) {
            now += MS;
            for (Direction direction : directions) {
                sendDue(direction, backward == direction ? forward : backward, now, random);
            }
            for (Direction direction : directions) {
                deliverDue(direction, directions, now, random);
            }
        }

        for (Direction direction : directions) {
            LinkCounters sent = direction.sender.counters();
            LinkCounters received = direction.receiver.counters();
            assertThat(direction.backlog).isEmpty();
            assertThat(direction.delivered.cardinality()).isEqualTo((int) direction.nextSequence);
            assertThat(direction.delivered.nextClearBit(0)).isEqualTo((int) direction.nextSequence);
            assertThat(direction.deliveredTwice).isZero();
            assertThat(sent.sendEpoch()).isGreaterThan(100);
            // The receiver promotes a key when the first frame under it arrives, which may not have happened yet.
            assertThat(received.receiveEpoch()).isBetween(sent.sendEpoch() - 1, sent.sendEpoch());
            assertThat(received.replayed()).isEqualTo(direction.duplicatesInjected);
            assertThat(received.badTag()).isZero();
            assertThat(received.tooOld()).isZero();
            assertThat(received.unknownEpoch()).isZero();
            assertThat(received.otherRejected()).isZero();
            assertThat(direction.controlDropped).isPositive();
        }
    }

    private static boolean idle(Direction direction) {
        return direction.wire.isEmpty() && direction.backlog.isEmpty();
    }

    private static void sendDue(Direction direction, Direction reverse, long now, SplittableRandom random) {
        for (byte[] control : direction.sender.poll(now)) {
            transmitControl(direction, control, now, random);
        }
        while (!direction.backlog.isEmpty() && direction.sender.canSend()) {
            transmit(direction, direction.sender.seal(direction.backlog.poll()), now, random);
        }
    }

    private static void transmitControl(Direction direction, byte[] frame, long now, SplittableRandom random) {
        // Control frames are the ones whose loss the protocol must survive on its own; data loss would be
        // the datagram layer's business (acknowledgements), so only control frames are dropped here.
        if (random.nextInt(5) == 0) {
            direction.controlDropped++;
            return;
        }
        transmit(direction, frame, now, random);
    }

    private static void transmit(Direction direction, byte[] frame, long now, SplittableRandom random) {
        direction.wire.add(new InFlight(frame, now + random.nextLong(6 * MS)));
        if (random.nextInt(20) == 0) {
            direction.duplicatesInjected++;
            direction.wire.add(new InFlight(frame.clone(), now + random.nextLong(6 * MS)));
        }
    }

    private static void deliverDue(Direction direction, Direction[] all, long now, SplittableRandom random) {
        List<InFlight> due = new ArrayList<>();
        direction.wire.removeIf(f -> f.deliverAtNanos() <= now && due.add(f));
        // Frames landing in the same millisecond arrive in random order too.
        for (int i = due.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            InFlight swap = due.get(i);
            due.set(i, due.get(j));
            due.set(j, swap);
        }
        Direction reverse = all[0] == direction ? all[1] : all[0];
        for (InFlight inFlight : due) {
            Opened opened = direction.receiver.open(inFlight.frame(), now);
            if (opened instanceof Opened.Payload payload) {
                int sequence = (int) ByteBuffer.wrap(payload.data()).getLong();
                if (direction.delivered.get(sequence)) {
                    direction.deliveredTwice++;
                }
                direction.delivered.set(sequence);
            } else if (opened instanceof Opened.Control control) {
                for (byte[] reply : control.replies()) {
                    transmitControl(reverse, reply, now, random);
                }
            }
        }
    }
}
