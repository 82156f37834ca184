package io.skywire.node.service.chat;

import io.skywire.node.identity.NodeId;
import io.skywire.node.service.BodyReader;
import io.skywire.node.service.BodyWriter;
import io.skywire.node.service.HostMessages;
import io.skywire.node.service.MessageFormatException;
import io.skywire.node.service.MessageType;
import java.util.ArrayList;
import java.util.List;

/** The chat service's messages on channel {@link #CHANNEL} (docs/PROTOCOL.md 8.6). */
public final class ChatMessages {

    public static final int CHANNEL = 2;
    /** Longest text, in UTF-8 bytes. */
    public static final int MAX_TEXT = 4_000;
    public static final int MAX_GUARDS = 8;

    /** Message {@code sequence} (1, 2, ... per sender and recipient) from the route's origin. */
    public record Chat(long sequence, long sentAtMillis, String text) {
    }

    /** Every message up to {@code sequence} was delivered. */
    public record Ack(long sequence) {
    }

    /** The guard nodes that hold the sender's messages while it is away. */
    public record Guards(List<NodeId> guards) {
    }

    /** To a guard of {@code recipient}: hold this message of the sender's for it. */
    public record Hold(NodeId recipient, long sequence, long sentAtMillis, String text) {
    }

    /** From a node to its guard: send me what you hold for me (and hold for me from now on). */
    public record Fetch() {
    }

    /** From a guard: a message {@code sender} left for the receiver. */
    public record Held(NodeId sender, long sequence, long sentAtMillis, String text) {
    }

    /** From a guard: it holds the sender's message {@code sequence} for {@code recipient}. */
    public record HoldAck(NodeId recipient, long sequence) {
    }

    private static final int KEY = NodeId.BYTES;

    public static final MessageType<Chat> CHAT = MessageType.of(0x01, 1, Chat.class, 8 + 8 + 2 + MAX_TEXT,
            new MessageType.Codec<>() {
                @Override
                public void encode(Chat m, BodyWriter out) {
                    out.u63(m.sequence()).u63(m.sentAtMillis()).utf8(m.text());
                }

                @Override
                public Chat decode(BodyReader in) throws MessageFormatException {
                    return new Chat(sequence(in), in.u63("sent at"), in.utf8(MAX_TEXT, "text"));
                }
            });

    public static final MessageType<Ack> ACK = MessageType.of(0x02, 1, Ack.class, 8, new MessageType.Codec<>() {
        @Override
        public void encode(Ack m, BodyWriter out) {
            out.u63(m.sequence());
        }

        @Override
        public Ack decode(BodyReader in) throws MessageFormatException {
            return new Ack(in.u63("sequence"));
        }
    });

    public static final MessageType<Guards> GUARDS = MessageType.of(0x03, 1, Guards.class, 1 + MAX_GUARDS * KEY,
            new MessageType.Codec<>() {
                @Override
                public void encode(Guards m, BodyWriter out) {
                    out.u8(m.guards().size());
                    m.guards().forEach(guard -> out.bytes(guard.key()));
                }

                @Override
                public Guards decode(BodyReader in) throws MessageFormatException {
                    int count = in.u8("count");
                    if (count > MAX_GUARDS) {
                        throw new MessageFormatException("more than " + MAX_GUARDS + " guards");
                    }
                    List<NodeId> guards = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        guards.add(HostMessages.nodeId(in.bytes(KEY, "guard")));
                    }
                    return new Guards(guards);
                }
            });

    public static final MessageType<Hold> HOLD = MessageType.of(0x04, 1, Hold.class, KEY + 8 + 8 + 2 + MAX_TEXT,
            new MessageType.Codec<>() {
                @Override
                public void encode(Hold m, BodyWriter out) {
                    out.bytes(m.recipient().key()).u63(m.sequence()).u63(m.sentAtMillis()).utf8(m.text());
                }

                @Override
                public Hold decode(BodyReader in) throws MessageFormatException {
                    return new Hold(HostMessages.nodeId(in.bytes(KEY, "recipient")), sequence(in),
                            in.u63("sent at"), in.utf8(MAX_TEXT, "text"));
                }
            });

    public static final MessageType<Fetch> FETCH = MessageType.of(0x05, 1, Fetch.class, 0, new MessageType.Codec<>() {
        @Override
        public void encode(Fetch m, BodyWriter out) {
        }

        @Override
        public Fetch decode(BodyReader in) {
            return new Fetch();
        }
    });

    public static final MessageType<Held> HELD = MessageType.of(0x06, 1, Held.class, KEY + 8 + 8 + 2 + MAX_TEXT,
            new MessageType.Codec<>() {
                @Override
                public void encode(Held m, BodyWriter out) {
                    out.bytes(m.sender().key()).u63(m.sequence()).u63(m.sentAtMillis()).utf8(m.text());
                }

                @Override
                public Held decode(BodyReader in) throws MessageFormatException {
                    return new Held(HostMessages.nodeId(in.bytes(KEY, "sender")), sequence(in),
                            in.u63("sent at"), in.utf8(MAX_TEXT, "text"));
                }
            });

    public static final MessageType<HoldAck> HOLD_ACK = MessageType.of(0x07, 1, HoldAck.class, KEY + 8,
            new MessageType.Codec<>() {
                @Override
                public void encode(HoldAck m, BodyWriter out) {
                    out.bytes(m.recipient().key()).u63(m.sequence());
                }

                @Override
                public HoldAck decode(BodyReader in) throws MessageFormatException {
                    return new HoldAck(HostMessages.nodeId(in.bytes(KEY, "recipient")), sequence(in));
                }
            });

    public static final List<MessageType<?>> ALL = List.of(CHAT, ACK, GUARDS, HOLD, FETCH, HELD, HOLD_ACK);

    private ChatMessages() {
    }

    private static long sequence(BodyReader in) throws MessageFormatException {
        long sequence = in.u63("sequence");
        if (sequence < 1) {
            throw new MessageFormatException("sequence 0");
        }
        return sequence;
    }
}
