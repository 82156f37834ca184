package io.skywire.node.service;

import io.skywire.node.identity.NodeId;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages every service channel carries beside its own, handled by the host (docs/PROTOCOL.md 8.3): peer
 * exchange inside a topic, and the refusal of a message with its reason. Types 0xF0..0xFF are the host's.
 */
public final class HostMessages {

    /** The first type number that belongs to the host. */
    public static final int FIRST_HOST_TYPE = 0xF0;
    /** Most peers in one PEERS message. */
    public static final int MAX_PEERS = 16;

    /** Asks for peers of {@code topic} (a 32-byte DHT key). */
    public record PeersRequest(byte[] topic) {
    }

    /** Peers of {@code topic} the sender knows (never the receiver itself). */
    public record Peers(byte[] topic, List<NodeId> peers) {
    }

    /** The sender refused a message of {@code type}/{@code version} for {@code reason}. */
    public record Refused(int type, int version, Refusal reason) {
    }

    public static final MessageType<PeersRequest> PEERS_REQUEST = new MessageType<>(0xF0, 1, PeersRequest.class, 32,
            new MessageType.Codec<>() {
                @Override
                public void encode(PeersRequest message, BodyWriter out) {
                    out.bytes(checkTopic(message.topic()));
                }

                @Override
                public PeersRequest decode(BodyReader in) throws MessageFormatException {
                    return new PeersRequest(in.bytes(32, "topic"));
                }
            });

    public static final MessageType<Peers> PEERS = new MessageType<>(0xF1, 1, Peers.class,
            32 + 1 + MAX_PEERS * NodeId.BYTES, new MessageType.Codec<>() {
                @Override
                public void encode(Peers message, BodyWriter out) {
                    out.bytes(checkTopic(message.topic())).u8(message.peers().size());
                    message.peers().forEach(peer -> out.bytes(peer.key()));
                }

                @Override
                public Peers decode(BodyReader in) throws MessageFormatException {
                    byte[] topic = in.bytes(32, "topic");
                    int count = in.u8("count");
                    if (count > MAX_PEERS) {
                        throw new MessageFormatException("more than " + MAX_PEERS + " peers");
                    }
                    List<NodeId> peers = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        peers.add(nodeId(in.bytes(NodeId.BYTES, "peer key")));
                    }
                    return new Peers(topic, peers);
                }
            });

    public static final MessageType<Refused> REFUSED = new MessageType<>(0xF2, 1, Refused.class, 3,
            new MessageType.Codec<>() {
                @Override
                public void encode(Refused message, BodyWriter out) {
                    out.u8(message.type()).u8(message.version()).u8(message.reason().code());
                }

                @Override
                public Refused decode(BodyReader in) throws MessageFormatException {
                    int type = in.u8("type");
                    int version = in.u8("version");
                    Refusal reason = Refusal.ofCode(in.u8("reason"));
                    if (reason == null) {
                        throw new MessageFormatException("unknown refusal reason");
                    }
                    return new Refused(type, version, reason);
                }
            });

    /** The host's messages, registered on every channel. */
    public static final List<MessageType<?>> ALL = List.of(PEERS_REQUEST, PEERS, REFUSED);

    private HostMessages() {
    }

    private static byte[] checkTopic(byte[] topic) {
        if (topic.length != 32) {
            throw new IllegalArgumentException("a topic is 32 bytes");
        }
        return topic;
    }

    /** A node key that must be a valid compressed point. */
    public static NodeId nodeId(byte[] key) throws MessageFormatException {
        try {
            return new NodeId(key);
        } catch (IllegalArgumentException e) {
            throw new MessageFormatException("not a node key: " + e.getMessage());
        }
    }
}
