package io.skywire.node.service.sync;

import io.skywire.node.identity.NodeId;
import io.skywire.node.service.BodyReader;
import io.skywire.node.service.BodyWriter;
import io.skywire.node.service.HostMessages;
import io.skywire.node.service.MessageFormatException;
import io.skywire.node.service.MessageType;
import java.util.ArrayList;
import java.util.List;

/** The sync service's messages on channel {@link #CHANNEL} (docs/PROTOCOL.md 8.5). */
public final class SyncMessages {

    public static final int CHANNEL = 1;
    /** Entries in one ENTRIES message, and asked for in one REQUEST, at most. */
    public static final int MAX_BATCH = 32;

    /** "My copy of log {@code key} ends at {@code sequence}, whose hash is {@code hash}." */
    public record Head(NodeId key, long sequence, byte[] hash) {
    }

    /** "Send me up to {@code count} entries of {@code key} from {@code from}." */
    public record Request(NodeId key, long from, int count) {
    }

    /** Entries of one or more logs, each in its exact bytes. */
    public record Entries(List<LogEntry> entries) {
    }

    public static final MessageType<Head> HEAD = MessageType.of(0x01, 1, Head.class, NodeId.BYTES + 8 + 32,
            new MessageType.Codec<>() {
                @Override
                public void encode(Head message, BodyWriter out) {
                    out.bytes(message.key().key()).u63(message.sequence()).bytes(message.hash());
                }

                @Override
                public Head decode(BodyReader in) throws MessageFormatException {
                    return new Head(HostMessages.nodeId(in.bytes(NodeId.BYTES, "key")), in.u63("sequence"),
                            in.bytes(32, "hash"));
                }
            });

    public static final MessageType<Request> REQUEST = MessageType.of(0x02, 1, Request.class, NodeId.BYTES + 8 + 1,
            new MessageType.Codec<>() {
                @Override
                public void encode(Request message, BodyWriter out) {
                    out.bytes(message.key().key()).u63(message.from()).u8(message.count());
                }

                @Override
                public Request decode(BodyReader in) throws MessageFormatException {
                    NodeId key = HostMessages.nodeId(in.bytes(NodeId.BYTES, "key"));
                    long from = in.u63("from");
                    int count = in.u8("count");
                    if (from < 1 || count < 1 || count > MAX_BATCH) {
                        throw new MessageFormatException("from must be >= 1 and count 1.." + MAX_BATCH);
                    }
                    return new Request(key, from, count);
                }
            });

    public static final MessageType<Entries> ENTRIES = MessageType.of(0x03, 1, Entries.class,
            1 + MAX_BATCH * (2 + LogEntry.MAX_BYTES), new MessageType.Codec<>() {
                @Override
                public void encode(Entries message, BodyWriter out) {
                    out.u8(message.entries().size());
                    message.entries().forEach(entry -> out.blob(entry.bytes()));
                }

                @Override
                public Entries decode(BodyReader in) throws MessageFormatException {
                    int count = in.u8("count");
                    if (count < 1 || count > MAX_BATCH) {
                        throw new MessageFormatException("count must be 1.." + MAX_BATCH);
                    }
                    List<LogEntry> entries = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        entries.add(LogEntry.decode(in.blob(LogEntry.MAX_BYTES, "entry")));
                    }
                    return new Entries(entries);
                }
            });

    public static final List<MessageType<?>> ALL = List.of(HEAD, REQUEST, ENTRIES);

    private SyncMessages() {
    }
}
