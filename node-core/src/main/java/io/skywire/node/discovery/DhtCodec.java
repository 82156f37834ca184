package io.skywire.node.discovery;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Encodes and decodes DHT messages (docs/PROTOCOL.md section 4.3); every message fits one UDP datagram. */
public final class DhtCodec {

    /** Largest message, so that one fits a UDP datagram after the runtime's kind byte on any path MTU >= 1,280. */
    public static final int MAX_BYTES = 1_200;
    /** Version byte of every message. */
    public static final int VERSION = 1;
    /** Bytes before a message's body: version, type, transaction id, sender key. */
    public static final int HEADER_BYTES = 1 + 1 + 8 + 33;
    /** Most contacts in a NODES answer. */
    public static final int MAX_CONTACTS = 20;

    static final int PING = 0x01;
    static final int FIND_NODE = 0x02;
    static final int FIND_VALUE = 0x03;
    static final int STORE = 0x04;
    static final int PONG = 0x81;
    static final int NODES = 0x82;
    static final int VALUE = 0x83;
    static final int STORED = 0x84;

    private DhtCodec() {
    }

    /**
     * The message's bytes.
     *
     * @throws IllegalArgumentException when it would exceed {@link #MAX_BYTES} (use {@link #fitRecords})
     */
    public static byte[] encode(DhtMessage message) {
        ByteBuffer out = ByteBuffer.allocate(encodedLength(message));
        out.put((byte) VERSION).put((byte) type(message)).putLong(message.transactionId()).put(message.senderKey());
        if (message instanceof DhtMessage.FindNode find) {
            find.target().write(out);
        } else if (message instanceof DhtMessage.FindValue find) {
            out.put((byte) find.kind().code());
            find.target().write(out);
        } else if (message instanceof DhtMessage.Store store) {
            out.put((byte) store.kind().code());
            store.key().write(out);
            putRecord(out, store.record());
        } else if (message instanceof DhtMessage.Nodes nodes) {
            if (nodes.contacts().size() > MAX_CONTACTS) {
                throw new IllegalArgumentException("at most " + MAX_CONTACTS + " contacts");
            }
            out.put((byte) nodes.contacts().size());
            for (Contact contact : nodes.contacts()) {
                out.put(contact.nodeKeyView());
                NodeRecordCodec.writeAddress(out, contact.address());
            }
        } else if (message instanceof DhtMessage.Value value) {
            if (value.records().size() > 255) {
                throw new IllegalArgumentException("at most 255 records");
            }
            out.put((byte) value.kind().code()).put((byte) value.records().size());
            for (NodeRecord record : value.records()) {
                putRecord(out, record);
            }
        } else if (message instanceof DhtMessage.Stored stored) {
            out.put((byte) (stored.accepted() ? 1 : 0));
        }
        return out.array();
    }

    /** The exact length of a message's encoding. */
    private static int encodedLength(DhtMessage message) {
        int length = HEADER_BYTES;
        if (message instanceof DhtMessage.FindNode) {
            length += DhtKey.BYTES;
        } else if (message instanceof DhtMessage.FindValue) {
            length += 1 + DhtKey.BYTES;
        } else if (message instanceof DhtMessage.Store store) {
            length += 1 + DhtKey.BYTES + 2 + store.record().encodedLength();
        } else if (message instanceof DhtMessage.Nodes nodes) {
            length += 1;
            for (Contact contact : nodes.contacts()) {
                length += 33 + contact.address().encodedLength();
            }
        } else if (message instanceof DhtMessage.Value value) {
            length += 2;
            for (NodeRecord record : value.records()) {
                length += 2 + record.encodedLength();
            }
        } else if (message instanceof DhtMessage.Stored) {
            length += 1;
        }
        if (length > MAX_BYTES) {
            throw new IllegalArgumentException("message of " + length + " bytes is over " + MAX_BYTES);
        }
        return length;
    }

    /** The longest prefix of {@code records} a VALUE message can carry. */
    public static List<NodeRecord> fitRecords(List<NodeRecord> records) {
        int size = HEADER_BYTES + 2;
        int count = 0;
        for (NodeRecord record : records) {
            size += 2 + record.encodedLength();
            if (size > MAX_BYTES || count == 255) {
                break;
            }
            count++;
        }
        return records.subList(0, count);
    }

    /**
     * Decodes one message.
     *
     * @throws DhtMessageException when the bytes are not exactly one valid message
     */
    public static DhtMessage decode(byte[] bytes) throws DhtMessageException {
        if (bytes.length > MAX_BYTES) {
            throw new DhtMessageException("message of " + bytes.length + " bytes is over " + MAX_BYTES);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            int version = in.get() & 0xff;
            if (version != VERSION) {
                throw new DhtMessageException("unknown version " + version);
            }
            int type = in.get() & 0xff;
            long txid = in.getLong();
            byte[] sender = key(in);
            DhtMessage message = switch (type) {
                case PING -> new DhtMessage.Ping(txid, sender);
                case PONG -> new DhtMessage.Pong(txid, sender);
                case FIND_NODE -> new DhtMessage.FindNode(txid, sender, DhtKey.read(in));
                case FIND_VALUE -> new DhtMessage.FindValue(txid, sender, kind(in), DhtKey.read(in));
                case STORE -> new DhtMessage.Store(txid, sender, kind(in), DhtKey.read(in), record(in));
                case NODES -> new DhtMessage.Nodes(txid, sender, contacts(in));
                case VALUE -> value(in, txid, sender);
                case STORED -> new DhtMessage.Stored(txid, sender, flag(in));
                default -> throw new DhtMessageException("unknown type " + type);
            };
            if (in.hasRemaining()) {
                throw new DhtMessageException(in.remaining() + " bytes after the message");
            }
            return message;
        } catch (BufferUnderflowException e) {
            throw new DhtMessageException("truncated message of " + bytes.length + " bytes");
        }
    }

    private static int type(DhtMessage message) {
        if (message instanceof DhtMessage.Ping) {
            return PING;
        } else if (message instanceof DhtMessage.Pong) {
            return PONG;
        } else if (message instanceof DhtMessage.FindNode) {
            return FIND_NODE;
        } else if (message instanceof DhtMessage.FindValue) {
            return FIND_VALUE;
        } else if (message instanceof DhtMessage.Store) {
            return STORE;
        } else if (message instanceof DhtMessage.Nodes) {
            return NODES;
        } else if (message instanceof DhtMessage.Value) {
            return VALUE;
        }
        return STORED;
    }

    private static void putRecord(ByteBuffer out, NodeRecord record) {
        out.putShort((short) record.encodedLength()).put(record.encodedView());
    }

    private static byte[] key(ByteBuffer in) throws DhtMessageException {
        byte[] key = new byte[33];
        in.get(key);
        if (!Contact.isCompressedKeyShape(key)) {
            throw new DhtMessageException(String.format("node key starts %02x, not 02 or 03", key[0]));
        }
        return key;
    }

    private static DhtMessage.ValueKind kind(ByteBuffer in) throws DhtMessageException {
        int code = in.get() & 0xff;
        DhtMessage.ValueKind kind = DhtMessage.ValueKind.fromCode(code);
        if (kind == null) {
            throw new DhtMessageException("unknown value kind " + code);
        }
        return kind;
    }

    private static boolean flag(ByteBuffer in) throws DhtMessageException {
        int value = in.get() & 0xff;
        if (value > 1) {
            throw new DhtMessageException("a flag is 0 or 1, was " + value);
        }
        return value == 1;
    }

    private static NodeRecord record(ByteBuffer in) throws DhtMessageException {
        int length = in.getShort() & 0xffff;
        if (length > in.remaining()) {
            throw new DhtMessageException("record of " + length + " bytes, " + in.remaining() + " left");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        try {
            return NodeRecordCodec.decode(bytes);
        } catch (RecordException e) {
            throw new DhtMessageException("bad record: " + e.getMessage());
        }
    }

    private static List<Contact> contacts(ByteBuffer in) throws DhtMessageException {
        int count = in.get() & 0xff;
        if (count > MAX_CONTACTS) {
            throw new DhtMessageException(count + " contacts, at most " + MAX_CONTACTS);
        }
        List<Contact> contacts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] key = key(in);
            TransportAddress address;
            try {
                address = NodeRecordCodec.readAddress(in);
            } catch (RecordException e) {
                throw new DhtMessageException("bad contact address: " + e.getMessage());
            }
            if (!address.kind().udp() || address.isUnusable()) {
                throw new DhtMessageException("contact address " + address + " is not a usable UDP address");
            }
            contacts.add(Contact.of(key, address));
        }
        return contacts;
    }

    private static DhtMessage.Value value(ByteBuffer in, long txid, byte[] sender) throws DhtMessageException {
        DhtMessage.ValueKind kind = kind(in);
        int count = in.get() & 0xff;
        List<NodeRecord> records = new ArrayList<>(Math.min(count, 16));
        for (int i = 0; i < count; i++) {
            records.add(record(in));
        }
        return new DhtMessage.Value(txid, sender, kind, records);
    }
}
