package io.skywire.node.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkCipherTest {

    static final long MS = 1_000_000L;
    static final RekeyPolicy SLOW = RekeyPolicy.DEFAULT.withRotationInterval(Duration.ofHours(1));

    @Test
    void sealedFramesOpenOnTheOtherSideWithTheDocumentedLayout() {
        LinkPair pair = LinkPair.create(SLOW, 10, 0);
        byte[] frame = pair.initiator().seal("hello".getBytes(StandardCharsets.UTF_8));

        assertThat(frame).hasSize(TransportFrame.OVERHEAD + 5);
        assertThat(frame[0]).isZero();
        assertThat(TransportFrame.counter(frame)).isZero();
        Opened opened = pair.responder().open(frame, 0);
        assertThat(opened).isInstanceOfSatisfying(Opened.Payload.class,
                p -> assertThat(new String(p.data(), StandardCharsets.UTF_8)).isEqualTo("hello"));
        assertThat(TransportFrame.counter(pair.initiator().seal(new byte[0]))).isEqualTo(1);
    }

    @Test
    void replayedTamperedAndTruncatedFramesAreRefusedAndCounted() {
        LinkPair pair = LinkPair.create(SLOW, 11, 0);
        LinkCipher receiver = pair.responder();
        byte[] frame = pair.initiator().seal(new byte[] {1, 2, 3});

        assertThat(receiver.open(frame, 0)).isInstanceOf(Opened.Payload.class);
        assertRejected(receiver.open(frame, 0), LinkBreach.REPLAYED);

        byte[] tampered = pair.initiator().seal(new byte[] {4, 5, 6});
        tampered[tampered.length - 1] ^= 1;
        assertRejected(receiver.open(tampered, 0), LinkBreach.BAD_TAG);
        // The forged frame must not have consumed its counter: the genuine one still opens.
        tampered[tampered.length - 1] ^= 1;
        assertThat(receiver.open(tampered, 0)).isInstanceOf(Opened.Payload.class);

        byte[] headerTampered = pair.initiator().seal(new byte[] {7});
        headerTampered[8] ^= 1;
        assertRejected(receiver.open(headerTampered, 0), LinkBreach.BAD_TAG);
        assertRejected(receiver.open(new byte[TransportFrame.MIN_BYTES - 1], 0), LinkBreach.TRUNCATED_FRAME);
        byte[] wrongEpoch = pair.initiator().seal(new byte[] {8});
        wrongEpoch[0] = 7;
        assertRejected(receiver.open(wrongEpoch, 0), LinkBreach.UNKNOWN_EPOCH);
        byte[] hugeCounter = pair.initiator().seal(new byte[] {9});
        hugeCounter[1] = (byte) 0x80;
        assertRejected(receiver.open(hugeCounter, 0), LinkBreach.BAD_COUNTER);

        LinkCounters counters = receiver.counters();
        assertThat(counters.replayed()).isEqualTo(1);
        assertThat(counters.badTag()).isEqualTo(2);
        assertThat(counters.unknownEpoch()).isEqualTo(1);
        assertThat(counters.otherRejected()).isEqualTo(2);
        assertThat(counters.framesOpened()).isEqualTo(2);
    }

    @Test
    void framesOlderThanTheWindowAreRefused() {
        LinkPair pair = LinkPair.create(SLOW, 12, 0);
        byte[] first = pair.initiator().seal(new byte[1]);
        byte[] last = null;
        for (int i = 0; i < ReplayWindow.SIZE; i++) {
            last = pair.initiator().seal(new byte[1]);
        }
        assertThat(pair.responder().open(last, 0)).isInstanceOf(Opened.Payload.class);
        assertRejected(pair.responder().open(first, 0), LinkBreach.TOO_OLD);
        assertThat(pair.responder().counters().tooOld()).isEqualTo(1);
    }

    @Test
    void rotationOnTimeSwitchesOnlyAfterThePeerAccepts() {
        RekeyPolicy policy = RekeyPolicy.DEFAULT.withRotationInterval(Duration.ofMillis(10));
        LinkPair pair = LinkPair.create(policy, 13, 0);
        assertThat(pair.initiator().poll(5 * MS)).isEmpty();
        List<byte[]> offers = pair.initiator().poll(10 * MS);
        assertThat(offers).hasSize(1);
        // Until the accept arrives the sender stays on epoch 0.
        assertThat(pair.initiator().seal(new byte[1])[0]).isEqualTo((byte) 0);

        Opened atResponder = pair.responder().open(offers.get(0), 10 * MS);
        assertThat(atResponder).isInstanceOf(Opened.Control.class);
        List<byte[]> accepts = ((Opened.Control) atResponder).replies();
        assertThat(accepts).hasSize(1);
        Opened atInitiator = pair.initiator().open(accepts.get(0), 11 * MS);
        assertThat(atInitiator).isEqualTo(new Opened.Control(List.of(), true));

        byte[] newEpochFrame = pair.initiator().seal(new byte[] {42});
        assertThat(newEpochFrame[0]).isEqualTo((byte) 1);
        assertThat(pair.responder().open(newEpochFrame, 11 * MS)).isInstanceOf(Opened.Payload.class);
        assertThat(pair.responder().counters().receiveEpoch()).isEqualTo(1);
        assertThat(pair.initiator().counters().sendEpoch()).isEqualTo(1);
        // The epoch-0 data frame sealed before the switch is still accepted during the grace period.
        assertThat(pair.initiator().counters().framesSealed()).isEqualTo(3);
    }

    @Test
    void stalledRekeyStopsDataAtTheReserveAndResumesOnAccept() {
        RekeyPolicy policy = SLOW.withFrameLimits(100, 300);
        LinkPair pair = LinkPair.create(policy, 14, 0);
        byte[] offer = null;
        int sent = 0;
        while (pair.initiator().canSend()) {
            pair.initiator().seal(new byte[1]);
            sent++;
            List<byte[]> due = pair.initiator().poll(0);
            if (!due.isEmpty() && offer == null) {
                offer = due.get(0);
            }
        }
        // The offer took one counter from the data budget.
        assertThat(sent).isEqualTo(300 - RekeyPolicy.CONTROL_RESERVE - 1);
        assertThat(offer).isNotNull();
        assertThatThrownBy(() -> pair.initiator().seal(new byte[1]))
                .isInstanceOfSatisfying(LinkProtocolException.class,
                        e -> assertThat(e.breach()).isEqualTo(LinkBreach.KEY_EXHAUSTED));

        byte[] accept = ((Opened.Control) pair.responder().open(offer, 0)).replies().get(0);
        assertThat(pair.initiator().open(accept, 0)).isEqualTo(new Opened.Control(List.of(), true));
        assertThat(pair.initiator().canSend()).isTrue();
    }

    @Test
    void lostAcceptIsRecoveredByRetransmittedOfferWithTheSameKeys() {
        RekeyPolicy policy = RekeyPolicy.DEFAULT.withRotationInterval(Duration.ofMillis(10));
        LinkPair pair = LinkPair.create(policy, 15, 0);
        byte[] offer = pair.initiator().poll(10 * MS).get(0);
        byte[] lostAccept = ((Opened.Control) pair.responder().open(offer, 10 * MS)).replies().get(0);
        assertThat(pair.initiator().poll(11 * MS)).isEmpty();
        byte[] retransmitted = pair.initiator().poll(10 * MS + policy.retransmitInterval().toNanos()).get(0);
        byte[] accept = ((Opened.Control) pair.responder().open(retransmitted, 300 * MS)).replies().get(0);
        assertThat(pair.initiator().open(accept, 300 * MS)).isEqualTo(new Opened.Control(List.of(), true));
        // The lost accept turning up late is a harmless duplicate.
        assertThat(pair.initiator().open(lostAccept, 301 * MS)).isEqualTo(new Opened.Control(List.of(), false));
        assertThat(pair.responder().open(pair.initiator().seal(new byte[] {1}), 301 * MS))
                .isInstanceOf(Opened.Payload.class);
    }

    @Test
    void previousKeyIsForgottenAfterTheGracePeriod() {
        RekeyPolicy policy = RekeyPolicy.DEFAULT.withRotationInterval(Duration.ofMillis(10));
        LinkPair pair = LinkPair.create(policy, 16, 0);
        byte[] late = pair.initiator().seal(new byte[] {1});
        byte[] offer = pair.initiator().poll(10 * MS).get(0);
        byte[] accept = ((Opened.Control) pair.responder().open(offer, 10 * MS)).replies().get(0);
        pair.initiator().open(accept, 10 * MS);
        pair.responder().open(pair.initiator().seal(new byte[] {2}), 10 * MS);
        long afterGrace = 10 * MS + policy.previousKeyGrace().toNanos();
        assertRejected(pair.responder().open(late, afterGrace), LinkBreach.UNKNOWN_EPOCH);
    }

    static void assertRejected(Opened opened, LinkBreach breach) {
        assertThat(opened).isInstanceOfSatisfying(Opened.Rejected.class,
                r -> assertThat(r.breach()).isEqualTo(breach));
    }
}
