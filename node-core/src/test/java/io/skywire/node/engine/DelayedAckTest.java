package io.skywire.node.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When a node acknowledges what it receives ({@link AckSettings}): at once by default, or delayed until a count, a
 * deadline, a gap, a duplicate, or a datagram that goes anyway.
 */
class DelayedAckTest {

    private static final long MS = 1_000_000L;
    private static final AckSettings DELAYED = new AckSettings(4, 2 * MS);
    /** Ack-eliciting and harmless: a keep-alive for a route the receiver does not know. */
    private static final Frame NOISE = new Frame.Keepalive(new RouteId(7, 7));

    private final EnginePair pair = new EnginePair(11, EngineConfig.defaults().withAcks(DELAYED));
    private long packetNumber;

    @Test
    void everyFourthDatagramIsAcknowledgedAloneAndTheAckCoversAllFour() throws DecodeException {
        for (int i = 0; i < 3; i++) {
            receive();
            assertThat(pair.b.pollTransmit(pair.now, EnginePair.LINK)).isNull();
        }
        receive();
        List<Frame.Ack> acks = acksSent();
        assertThat(acks).hasSize(1);
        assertThat(acks.get(0).largest()).isEqualTo(3);
        // Bits for packets 2, 1 and 0: all four are acknowledged by the one ACK.
        assertThat(acks.get(0).bitmap()[0] & 0x07).isEqualTo(0x07);
    }

    @Test
    void aLoneDatagramIsAcknowledgedAtTheDeadlineWhichTheEngineAsksToBeWokenFor() throws DecodeException {
        receive();
        long arrived = pair.now;
        assertThat(pair.b.pollTransmit(arrived, EnginePair.LINK)).isNull();
        assertThat(pair.b.nextTimeout()).isEqualTo(arrived + 2 * MS);
        assertThat(pair.b.pollTransmit(arrived + 2 * MS - 1, EnginePair.LINK)).isNull();
        pair.now = arrived + 2 * MS;
        pair.b.handleTimeout(pair.now);
        List<Frame.Ack> acks = acksSent();
        assertThat(acks).hasSize(1);
        // The delay field says how long the ACK waited, so the sender's RTT sample leaves it out.
        assertThat(acks.get(0).ackDelayMicros()).isEqualTo(2_000);
    }

    @Test
    void aGapOrADuplicateIsAcknowledgedAtOnce() throws DecodeException {
        receive();
        packetNumber++;
        receive();
        assertThat(acksSent()).hasSize(1);
        pair.b.handleDatagram(pair.now, EnginePair.LINK, EnginePair.datagram(0, NOISE));
        assertThat(acksSent()).hasSize(1);
    }

    @Test
    void aDatagramThatGoesAnywayTakesThePendingAck() throws DecodeException {
        receive();
        pair.b.openRoute(pair.now, new RouteSpec(List.of(pair.a.publicKey()), QosClass.BULK,
                ForwardingMode.STORE_AND_FORWARD, EngineConfig.MIN_ROUTE_BUFFER_BYTES));
        byte[] datagram = pair.b.pollTransmit(pair.now, EnginePair.LINK);
        assertThat(datagram).isNotNull();
        List<Frame> frames = DatagramCodec.decode(datagram).frames();
        assertThat(frames.get(0)).isInstanceOf(Frame.Ack.class);
        assertThat(frames).hasAtLeastOneElementOfType(Frame.Setup.class);
        // Nothing is left to acknowledge alone afterwards.
        assertThat(acksSent()).isEmpty();
    }

    @Test
    void immediateAcknowledgesEveryDatagramAtOnce() throws DecodeException {
        EnginePair immediate = new EnginePair(12);
        for (int i = 0; i < 3; i++) {
            immediate.b.handleDatagram(immediate.now, EnginePair.LINK, EnginePair.datagram(i, NOISE));
            byte[] ack = immediate.b.pollTransmit(immediate.now, EnginePair.LINK);
            assertThat(ack).isNotNull();
            assertThat(DatagramCodec.decode(ack).frames().get(0)).isInstanceOf(Frame.Ack.class);
        }
    }

    @Test
    void settingsRefuseAWaitWithoutACountAndTheReverse() {
        assertThatThrownBy(() -> new AckSettings(1, MS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AckSettings(4, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AckSettings(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(AckSettings.IMMEDIATE.delayed()).isFalse();
        assertThat(DELAYED.delayed()).isTrue();
    }

    private void receive() {
        pair.b.handleDatagram(pair.now, EnginePair.LINK, EnginePair.datagram(packetNumber++, NOISE));
    }

    /** Every ACK frame b sends now, polling until it has nothing more. */
    private List<Frame.Ack> acksSent() throws DecodeException {
        List<Frame.Ack> acks = new ArrayList<>();
        byte[] datagram;
        while ((datagram = pair.b.pollTransmit(pair.now, EnginePair.LINK)) != null) {
            for (Frame frame : DatagramCodec.decode(datagram).frames()) {
                if (frame instanceof Frame.Ack ack) {
                    acks.add(ack);
                }
            }
        }
        return acks;
    }
}
