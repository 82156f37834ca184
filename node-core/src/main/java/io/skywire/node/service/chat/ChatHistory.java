package io.skywire.node.service.chat;

import io.skywire.node.identity.NodeId;
import io.skywire.node.service.AppendOnlyFile;
import io.skywire.node.service.BodyReader;
import io.skywire.node.service.BodyWriter;
import io.skywire.node.service.HostMessages;
import io.skywire.node.service.MessageFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chat history in the node's data directory ({@code chat/history.log}, docs/PROTOCOL.md 8.6): one fsync'd
 * {@link AppendOnlyFile} record per sent, delivered or acknowledged message, read back at start to rebuild the
 * {@link ChatBook}. Bounded: past {@code maxBytes} the file is rewritten with each peer's counters first, then
 * every sent message not yet acknowledged (it may have to be resent), then the newest records that fit in half of
 * it; so sequence numbers survive the trimming, and the file's size is bounded by {@code maxBytes} plus the
 * unacknowledged messages ({@link ChatBook#MAX_UNACKED} per peer).
 */
public final class ChatHistory {

    private static final int SENT = 'S';
    private static final int DELIVERED = 'R';
    private static final int ACKED = 'A';
    private static final int COUNTERS = 'N';

    private final AppendOnlyFile file;
    private final long maxBytes;

    public ChatHistory(Path directory, long maxBytes) {
        this.file = new AppendOnlyFile(directory.resolve("history.log"));
        this.maxBytes = maxBytes;
    }

    /** Appends one event; trims the file first when it has grown past its bound. */
    public void append(ChatBook.Event event, ChatBook book) throws IOException {
        if (file.size() > maxBytes) {
            trim(book);
        }
        file.append(encode(event));
    }

    private void trim(ChatBook book) throws IOException {
        List<byte[]> records = file.readAll();
        List<byte[]> kept = new ArrayList<>();
        for (Map.Entry<NodeId, long[]> entry : book.counters().entrySet()) {
            long[] c = entry.getValue();
            kept.add(new BodyWriter().u8(COUNTERS).bytes(entry.getKey().key()).u63(c[0]).u63(c[1]).u63(c[2])
                    .toByteArray());
        }
        long budget = maxBytes / 2;
        int from = records.size();
        while (from > 0 && budget - (records.get(from - 1).length + 2) > 0) {
            budget -= records.get(from - 1).length + 2;
            from--;
        }
        Map<NodeId, long[]> counters = book.counters();
        for (int i = 0; i < records.size(); i++) {
            byte[] record = records.get(i);
            if (record.length == 0 || record[0] == COUNTERS) {
                continue;
            }
            if (i >= from || unacknowledged(record, counters)) {
                kept.add(record); // never drop a message that may still have to be resent
            }
        }
        file.rewrite(kept);
    }

    private static boolean unacknowledged(byte[] record, Map<NodeId, long[]> counters) {
        if (record[0] != SENT) {
            return false;
        }
        try {
            BodyReader in = new BodyReader(record);
            in.u8("kind");
            long[] peer = counters.get(HostMessages.nodeId(in.bytes(NodeId.BYTES, "peer")));
            return peer == null || in.u63("sequence") > peer[2];
        } catch (MessageFormatException e) {
            return false;
        }
    }

    /** Every event on file, oldest first, after restoring the counters into {@code book}. */
    public List<ChatBook.Event> load(ChatBook book) throws IOException {
        List<ChatBook.Event> events = new ArrayList<>();
        for (byte[] record : file.readAll()) {
            try {
                BodyReader in = new BodyReader(record);
                int kind = in.u8("kind");
                NodeId peer = HostMessages.nodeId(in.bytes(NodeId.BYTES, "peer"));
                if (kind == COUNTERS) {
                    book.restoreCounters(peer, in.u63("next"), in.u63("delivered"), in.u63("acked"));
                } else if (kind == ACKED) {
                    events.add(new ChatBook.Acked(peer, in.u63("sequence")));
                } else {
                    long sequence = in.u63("sequence");
                    long at = in.u63("sent at");
                    String text = in.utf8(ChatMessages.MAX_TEXT, "text");
                    events.add(kind == SENT ? new ChatBook.Sent(peer, sequence, at, text)
                            : new ChatBook.Delivered(peer, sequence, at, text));
                }
                in.end();
            } catch (MessageFormatException e) {
                throw new IOException("chat history " + file.path() + " is damaged: " + e.getMessage(), e);
            }
        }
        return events;
    }

    private static byte[] encode(ChatBook.Event event) {
        BodyWriter out = new BodyWriter();
        if (event instanceof ChatBook.Sent sent) {
            out.u8(SENT).bytes(sent.peer().key()).u63(sent.sequence()).u63(sent.sentAtMillis()).utf8(sent.text());
        } else if (event instanceof ChatBook.Delivered got) {
            out.u8(DELIVERED).bytes(got.peer().key()).u63(got.sequence()).u63(got.sentAtMillis()).utf8(got.text());
        } else if (event instanceof ChatBook.Acked acked) {
            out.u8(ACKED).bytes(acked.peer().key()).u63(acked.sequence());
        }
        return out.toByteArray();
    }
}
