package io.skywire.node.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.node.identity.NodeId;
import io.skywire.node.identity.NodeKeyPair;
import io.skywire.node.service.chat.ChatMessages;
import io.skywire.node.service.sync.LogEntry;
import io.skywire.node.service.sync.SyncMessages;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The service wire formats of docs/PROTOCOL.md 8: framing, refusals with reasons, the opening, every message. */
class ServiceCodecTest {

    private static final NodeKeyPair ALICE = NodeKeyPair.fromSecret(HexFormat.of().parseHex(
            "0101010101010101010101010101010101010101010101010101010101010101"));
    private static final NodeKeyPair BOB = NodeKeyPair.fromSecret(HexFormat.of().parseHex(
            "0202020202020202020202020202020202020202020202020202020202020202"));

    private static MessageCodec.Decoded roundTrip(MessageCodec codec, Record message) throws Exception {
        List<ServiceFrames.Frame> frames = new ServiceFrames.Reader().feed(codec.encode(message));
        assertThat(frames).hasSize(1);
        return codec.decode(frames.get(0));
    }

    @Test
    void frameBytesAreLengthTypeVersionBody() {
        assertThat(HexFormat.of().formatHex(ServiceFrames.encode(0x01, 0x01, new byte[] {(byte) 0xaa, (byte) 0xbb})))
                .isEqualTo("000000040101aabb");
    }

    @Test
    void framesSplitAnywhereReassembleAndAnImpossibleLengthBreaksTheStream() throws Exception {
        MessageCodec codec = new MessageCodec(SyncMessages.ALL);
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        for (int i = 1; i <= 50; i++) {
            stream.writeBytes(codec.encode(new SyncMessages.Request(ALICE.nodeId(), i, 1 + i % 32)));
        }
        byte[] all = stream.toByteArray();
        Random random = new Random(1);
        ServiceFrames.Reader reader = new ServiceFrames.Reader();
        List<ServiceFrames.Frame> frames = new ArrayList<>();
        for (int at = 0; at < all.length; ) {
            int piece = Math.min(all.length - at, 1 + random.nextInt(40));
            frames.addAll(reader.feed(java.util.Arrays.copyOfRange(all, at, at + piece)));
            at += piece;
        }
        assertThat(frames).hasSize(50);
        assertThat(reader.buffered()).isZero();
        assertThat(((SyncMessages.Request) ((MessageCodec.Message) codec.decode(frames.get(49))).message()).from())
                .isEqualTo(50);

        ServiceFrames.Reader broken = new ServiceFrames.Reader();
        assertThatThrownBy(() -> broken.feed(new byte[] {0, 1, 0, 3})).isInstanceOf(
                ServiceFrames.BrokenStreamException.class);
        assertThatThrownBy(() -> broken.feed(new byte[1])).isInstanceOf(ServiceFrames.BrokenStreamException.class);
        assertThatThrownBy(() -> new ServiceFrames.Reader().feed(new byte[] {0, 0, 0, 1, 7}))
                .isInstanceOf(ServiceFrames.BrokenStreamException.class);
    }

    @Test
    void everyMessageRoundTrips() throws Exception {
        MessageCodec sync = new MessageCodec(SyncMessages.ALL);
        LogEntry first = LogEntry.append(ALICE, null, "one".getBytes(StandardCharsets.UTF_8));
        LogEntry second = LogEntry.append(ALICE, first, new byte[LogEntry.MAX_PAYLOAD]);
        for (Record message : List.of(new SyncMessages.Request(ALICE.nodeId(), 7, 32),
                new SyncMessages.Entries(List.of(first, second)),
                new HostMessages.Refused(0x7e, 3, Refusal.UNKNOWN_TYPE))) {
            assertThat(((MessageCodec.Message) roundTrip(sync, message)).message()).isEqualTo(message);
        }
        HostMessages.Peers peers = (HostMessages.Peers) ((MessageCodec.Message) roundTrip(sync,
                new HostMessages.Peers(new byte[32], List.of(ALICE.nodeId(), BOB.nodeId())))).message();
        assertThat(peers.peers()).containsExactly(ALICE.nodeId(), BOB.nodeId());
        SyncMessages.Head head = (SyncMessages.Head) ((MessageCodec.Message) roundTrip(sync,
                new SyncMessages.Head(ALICE.nodeId(), 2, second.hash()))).message();
        assertThat(head.hash()).isEqualTo(second.hash());

        MessageCodec chat = new MessageCodec(ChatMessages.ALL);
        for (Record message : List.of(new ChatMessages.Chat(1, 1_700_000_000_000L, "héllo ✓"),
                new ChatMessages.Ack(9), new ChatMessages.Guards(List.of(BOB.nodeId())),
                new ChatMessages.Hold(BOB.nodeId(), 3, 5, "x"), new ChatMessages.Fetch(),
                new ChatMessages.Held(ALICE.nodeId(), 3, 5, "x"), new ChatMessages.HoldAck(BOB.nodeId(), 3))) {
            assertThat(((MessageCodec.Message) roundTrip(chat, message)).message()).isEqualTo(message);
        }
    }

    @Test
    void headExampleBytesMatchTheProtocolDocument() {
        byte[] frame = new MessageCodec(SyncMessages.ALL).encode(new SyncMessages.Head(ALICE.nodeId(), 1,
                new byte[32]));
        String hex = HexFormat.of().formatHex(frame);
        assertThat(hex).startsWith("0000004b0101" + ALICE.nodeId().hex() + "0000000000000001");
        assertThat(frame).hasSize(4 + 2 + 33 + 8 + 32);
    }

    @Test
    void unknownTypesVersionsAndBadBodiesAreRefusedWithAReason() {
        MessageCodec codec = new MessageCodec(SyncMessages.ALL);
        assertThat(codec.decode(new ServiceFrames.Frame(0x55, 1, new byte[0])))
                .isEqualTo(new MessageCodec.Refused(Refusal.UNKNOWN_TYPE, "type 85"));
        assertThat(((MessageCodec.Refused) codec.decode(new ServiceFrames.Frame(0x01, 2, new byte[73]))).reason())
                .isEqualTo(Refusal.UNKNOWN_VERSION);
        assertThat(((MessageCodec.Refused) codec.decode(new ServiceFrames.Frame(0x01, 1, new byte[74]))).reason())
                .isEqualTo(Refusal.OVERSIZED);
        // A key that is not a curve point, a count of 0, trailing bytes.
        assertThat(((MessageCodec.Refused) codec.decode(new ServiceFrames.Frame(0x01, 1, new byte[73]))).reason())
                .isEqualTo(Refusal.MALFORMED);
        byte[] request = new MessageCodec(SyncMessages.ALL).encode(new SyncMessages.Request(ALICE.nodeId(), 1, 1));
        request[request.length - 1] = 0;
        assertThat(((MessageCodec.Refused) codec.decode(frameOf(request))).reason()).isEqualTo(Refusal.MALFORMED);
        byte[] ack = new MessageCodec(ChatMessages.ALL).encode(new ChatMessages.Ack(1));
        byte[] longer = java.util.Arrays.copyOf(ack, ack.length + 1);
        longer[3]++;
        assertThat(((MessageCodec.Refused) new MessageCodec(ChatMessages.ALL).decode(frameOf(longer))).reason())
                .isEqualTo(Refusal.OVERSIZED);
    }

    private static ServiceFrames.Frame frameOf(byte[] bytes) {
        try {
            return new ServiceFrames.Reader().feed(bytes).get(0);
        } catch (ServiceFrames.BrokenStreamException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aChannelRefusesHostTypesAndTwoRegistrationsOfOneType() {
        assertThatThrownBy(() -> MessageType.of(0xF0, 1, ChatMessages.Ack.class, 8, ChatMessages.ACK.codec()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageCodec(List.of(ChatMessages.ACK, ChatMessages.ACK)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageCodec(ChatMessages.ALL).encode(new SyncMessages.Request(ALICE.nodeId(),
                1, 1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not registered");
    }

    @Test
    void theOpeningIsSignedForOneDestinationAndChannel() throws Exception {
        ServiceOpen open = ServiceOpen.sign(ALICE, 2, BOB.nodeId(), new byte[16]);
        byte[] bytes = open.encode();
        assertThat(bytes).hasSize(ServiceOpen.BYTES).startsWith(0x11, 0x01, 0x00, 0x02);
        ServiceOpen decoded = ServiceOpen.decode(bytes);
        assertThat(decoded).isEqualTo(open);
        assertThat(decoded.verifiedFor(BOB.nodeId())).isTrue();
        assertThat(decoded.verifiedFor(ALICE.nodeId())).isFalse();
        bytes[3] = 3; // another channel
        assertThat(ServiceOpen.decode(bytes).verifiedFor(BOB.nodeId())).isFalse();
        bytes[0] = 0x10;
        assertThatThrownBy(() -> ServiceOpen.decode(bytes)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void topicPeersExchangeSamplesAndStaysBounded() {
        NodeId self = ALICE.nodeId();
        TopicPeers peers = new TopicPeers(self, new Random(3));
        byte[] topic = new byte[32];
        SecureRandom random = new SecureRandom();
        assertThat(peers.add(topic, self)).isFalse();
        for (int i = 0; i < TopicPeers.MAX_PER_TOPIC + 10; i++) {
            peers.add(topic, NodeKeyPair.generate(random).nodeId());
        }
        assertThat(peers.peers(topic)).hasSize(TopicPeers.MAX_PER_TOPIC);
        HostMessages.Peers answer = peers.answer(topic, BOB.nodeId());
        assertThat(answer.peers()).hasSize(HostMessages.MAX_PEERS).doesNotContain(BOB.nodeId());
        TopicPeers other = new TopicPeers(BOB.nodeId(), new Random(4));
        assertThat(other.learn(answer)).hasSize(HostMessages.MAX_PEERS);
        assertThat(other.learn(answer)).isEmpty();
    }

    @Test
    void scoresBanAfterThreeOffences() {
        PeerScores scores = new PeerScores();
        assertThat(scores.report(BOB.nodeId())).isFalse();
        assertThat(scores.report(BOB.nodeId())).isFalse();
        assertThat(scores.banned(BOB.nodeId())).isFalse();
        assertThat(scores.report(BOB.nodeId())).isTrue();
        assertThat(scores.banned(BOB.nodeId())).isTrue();
        assertThat(scores.banned(ALICE.nodeId())).isFalse();
    }
}
