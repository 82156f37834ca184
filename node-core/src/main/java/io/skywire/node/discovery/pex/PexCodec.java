package io.skywire.node.discovery.pex;

import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.discovery.NodeRecordCodec;
import io.skywire.node.discovery.RecordException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bytes of {@link PexMessage}s (docs/PROTOCOL.md 5.3): type (1), nonce (8, BE), then by type a record behind a
 * 2-byte length, nothing, or a count (1) of length-prefixed records. Lengths are checked against what is left
 * before anything is read, and a message never exceeds {@link #MAX_BYTES}, so it fits one unfragmented datagram.
 */
public final class PexCodec {

    static final int HELLO = 0x01;
    static final int HELLO_REPLY = 0x02;
    static final int REQUEST = 0x03;
    static final int RECORDS = 0x04;
    /** Largest message: with the UDP kind byte and IPv6/UDP headers it stays under a 1,500-byte MTU. */
    public static final int MAX_BYTES = 1_400;
    /** Most records one RECORDS message carries. */
    public static final int MAX_RECORDS = 16;
    static final int HEADER_BYTES = 9;

    private PexCodec() {
    }

    public static byte[] encode(PexMessage message) {
        ByteBuffer out;
        if (message instanceof PexMessage.Hello hello) {
            out = withRecord(HELLO, hello.nonce(), hello.record());
        } else if (message instanceof PexMessage.HelloReply reply) {
            out = withRecord(HELLO_REPLY, reply.nonce(), reply.record());
        } else if (message instanceof PexMessage.Request request) {
            out = ByteBuffer.allocate(HEADER_BYTES).put((byte) REQUEST).putLong(request.nonce());
        } else {
            PexMessage.Records records = (PexMessage.Records) message;
            if (records.records().size() > MAX_RECORDS) {
                throw new IllegalArgumentException("at most " + MAX_RECORDS + " records per message");
            }
            out = ByteBuffer.allocate(recordsLength(records.records())).put((byte) RECORDS).putLong(records.nonce())
                    .put((byte) records.records().size());
            for (NodeRecord record : records.records()) {
                out.putShort((short) record.encodedLength()).put(record.encoded());
            }
        }
        return out.array();
    }

    /** Bytes a RECORDS message with these records takes. */
    public static int recordsLength(List<NodeRecord> records) {
        int length = HEADER_BYTES + 1;
        for (NodeRecord record : records) {
            length += 2 + record.encodedLength();
        }
        return length;
    }

    /**
     * Reads one message; every record inside is decoded (fields checked) but not verified.
     *
     * @throws PexDecodeException when the layout is wrong or a record does not decode
     */
    public static PexMessage decode(byte[] bytes) throws PexDecodeException {
        if (bytes.length < HEADER_BYTES) {
            throw new PexDecodeException("message of " + bytes.length + " bytes is shorter than its header");
        }
        if (bytes.length > MAX_BYTES) {
            throw new PexDecodeException("message of " + bytes.length + " bytes is over " + MAX_BYTES);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int type = in.get() & 0xff;
        long nonce = in.getLong();
        PexMessage message = switch (type) {
            case HELLO -> new PexMessage.Hello(nonce, record(in));
            case HELLO_REPLY -> new PexMessage.HelloReply(nonce, record(in));
            case REQUEST -> new PexMessage.Request(nonce);
            case RECORDS -> {
                if (!in.hasRemaining()) {
                    throw new PexDecodeException("RECORDS without a count");
                }
                int count = in.get() & 0xff;
                if (count > MAX_RECORDS) {
                    throw new PexDecodeException(count + " records, at most " + MAX_RECORDS);
                }
                List<NodeRecord> records = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    records.add(record(in));
                }
                yield new PexMessage.Records(nonce, records);
            }
            default -> throw new PexDecodeException("unknown type " + type);
        };
        if (in.hasRemaining()) {
            throw new PexDecodeException(in.remaining() + " bytes after the message");
        }
        return message;
    }

    private static ByteBuffer withRecord(int type, long nonce, NodeRecord record) {
        return ByteBuffer.allocate(HEADER_BYTES + 2 + record.encodedLength()).put((byte) type).putLong(nonce)
                .putShort((short) record.encodedLength()).put(record.encoded());
    }

    private static NodeRecord record(ByteBuffer in) throws PexDecodeException {
        if (in.remaining() < 2) {
            throw new PexDecodeException("record length missing");
        }
        int length = in.getShort() & 0xffff;
        if (length == 0 || length > in.remaining()) {
            throw new PexDecodeException("record length " + length + " with " + in.remaining() + " bytes left");
        }
        int start = in.position();
        in.position(start + length);
        try {
            return NodeRecordCodec.decode(Arrays.copyOfRange(in.array(), start, start + length));
        } catch (RecordException e) {
            throw new PexDecodeException("record: " + e.reason() + " " + e.getMessage());
        }
    }
}
