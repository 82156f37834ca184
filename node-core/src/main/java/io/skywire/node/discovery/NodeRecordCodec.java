package io.skywire.node.discovery;

import io.skywire.node.crypto.CryptoException;
import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.node.gateway.ExitPolicy;
import io.skywire.node.identity.NodeId;
import io.skywire.node.identity.NodeKeyPair;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Signs, encodes and decodes node records (layout in docs/PROTOCOL.md section 4.1). Decoding checks the structure
 * and the range of every field but not the signature or the time: {@link RecordPolicy} does those, because they
 * cost a verification or depend on now.
 */
public final class NodeRecordCodec {

    /** The only version this code writes and reads. */
    public static final int VERSION = 1;
    /** Largest encoded record, so that one fits a UDP datagram with room for a DHT message header. */
    public static final int MAX_BYTES = 1_000;
    /** Most transport addresses in a record. */
    public static final int MAX_ADDRESSES = 8;
    /** Prices above the whole Skycoin supply (10^8 SKY of 10^6 droplets) are absurd. */
    public static final long MAX_PRICE_DROPLETS = 100_000_000L * 1_000_000L;
    /** 10^12 bytes/s (8 Tb/s): anything above is a lie. */
    public static final long MAX_CAPACITY_BYTES_PER_SECOND = 1_000_000_000_000L;
    /** Most link neighbours a record names (8 bytes each, see {@link NeighbourTag}). */
    public static final int MAX_NEIGHBOURS = 32;
    /** Length of the signature (r || s) at the end of a record. */
    public static final int SIGNATURE_BYTES = 64;

    static final byte[] DOMAIN = "skywire-node-record/1".getBytes(StandardCharsets.US_ASCII);
    private static final int FLAG_GATEWAY = 1;
    private static final int FLAG_ESCROW = 2;
    private static final int FLAG_NEIGHBOURS = 4;

    private NodeRecordCodec() {
    }

    /**
     * Encodes and signs {@code content} with the node's key.
     *
     * @throws IllegalArgumentException when the key is not the content's node key or a field is out of range
     */
    public static NodeRecord sign(NodeKeyPair key, RecordContent content) {
        if (!key.nodeId().equals(content.nodeKey())) {
            throw new IllegalArgumentException("a record is signed by its own node key");
        }
        try {
            checkFields(content);
        } catch (RecordException e) {
            throw new IllegalArgumentException("cannot sign this record: " + e.getMessage(), e);
        }
        byte[] unsigned = encodeUnsigned(content);
        byte[] signature = key.sign(signedHash(unsigned, unsigned.length));
        byte[] encoded = Arrays.copyOf(unsigned, unsigned.length + SIGNATURE_BYTES);
        System.arraycopy(signature, 0, encoded, unsigned.length, SIGNATURE_BYTES);
        if (encoded.length > MAX_BYTES) {
            throw new IllegalArgumentException("record of " + encoded.length + " bytes is over " + MAX_BYTES);
        }
        return new NodeRecord(content, encoded);
    }

    /**
     * Decodes a record and checks every field's range (not its signature, not its expiry against now).
     *
     * @throws RecordException naming the first thing wrong
     */
    public static NodeRecord decode(byte[] bytes) throws RecordException {
        if (bytes.length > MAX_BYTES) {
            throw new RecordException(RecordRefusal.OVERSIZED, bytes.length + " bytes");
        }
        Reader in = new Reader(bytes);
        int version = in.u8();
        if (version != VERSION) {
            throw new RecordException(RecordRefusal.BAD_VERSION, "version " + version);
        }
        NodeId nodeKey = in.nodeKey();
        long sequence = in.u64();
        long expiry = in.u64();
        int count = in.u8();
        if (count > MAX_ADDRESSES) {
            throw new RecordException(RecordRefusal.TOO_MANY_ADDRESSES, count + " addresses");
        }
        List<TransportAddress> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            addresses.add(in.address());
        }
        long price = in.u64();
        long capacity = in.u64();
        int flags = in.u8();
        if ((flags & ~(FLAG_GATEWAY | FLAG_ESCROW | FLAG_NEIGHBOURS)) != 0) {
            throw new RecordException(RecordRefusal.MALFORMED, "unknown flags " + flags);
        }
        Optional<GatewayService> gateway = Optional.empty();
        if ((flags & FLAG_GATEWAY) != 0) {
            gateway = Optional.of(in.gateway());
        }
        Optional<EscrowService> escrow = Optional.empty();
        if ((flags & FLAG_ESCROW) != 0) {
            escrow = Optional.of(new EscrowService(in.nodeKey(), in.address()));
        }
        List<NeighbourTag> neighbours = List.of();
        if ((flags & FLAG_NEIGHBOURS) != 0) {
            neighbours = in.neighbours();
        }
        in.skip(SIGNATURE_BYTES);
        if (in.remaining() != 0) {
            throw new RecordException(RecordRefusal.MALFORMED, in.remaining() + " bytes after the signature");
        }
        RecordContent content = new RecordContent(nodeKey, sequence, expiry, addresses, price, capacity, gateway,
                escrow, neighbours);
        checkFields(content);
        return new NodeRecord(content, bytes.clone());
    }

    /** True when the record's signature verifies under its node key. */
    public static boolean verifySignature(NodeRecord record) {
        byte[] encoded = record.encodedView();
        int signedLength = encoded.length - SIGNATURE_BYTES;
        byte[] signature = Arrays.copyOfRange(encoded, signedLength, encoded.length);
        try {
            return Secp256k1Provider.get().verify(signature, signedHash(encoded, signedLength),
                    record.nodeKey().key());
        } catch (CryptoException e) {
            return false;
        }
    }

    /**
     * Whether {@code content} could be signed: every range this codec checks (not the key).
     *
     * @throws RecordException naming the first field out of range
     */
    public static void validate(RecordContent content) throws RecordException {
        checkFields(content);
    }

    /** The range checks shared by signing and decoding. */
    static void checkFields(RecordContent content) throws RecordException {
        if (content.sequence() < 0) {
            throw new RecordException(RecordRefusal.ABSURD_SEQUENCE, Long.toUnsignedString(content.sequence()));
        }
        if (content.expirySeconds() < 0) {
            throw new RecordException(RecordRefusal.EXPIRY_TOO_FAR, Long.toUnsignedString(content.expirySeconds()));
        }
        checkAddresses(content.addresses());
        checkPrice(content.forwardingPricePerGbDroplets());
        if (content.capacityBytesPerSecond() <= 0
                || content.capacityBytesPerSecond() > MAX_CAPACITY_BYTES_PER_SECOND) {
            throw new RecordException(RecordRefusal.ABSURD_CAPACITY,
                    Long.toUnsignedString(content.capacityBytesPerSecond()) + " bytes/s");
        }
        if (content.gateway().isPresent()) {
            GatewayService gateway = content.gateway().get();
            checkPrice(gateway.pricePerGbDroplets());
            if (!GatewayService.isValidRegion(gateway.region())) {
                throw new RecordException(RecordRefusal.BAD_REGION, "region '" + gateway.region() + "'");
            }
            if (gateway.allowedPorts().size() > GatewayService.MAX_PORT_RANGES) {
                throw new RecordException(RecordRefusal.BAD_PORT_RANGE, gateway.allowedPorts().size() + " ranges");
            }
        }
        if (content.escrow().isPresent()) {
            checkAddress(content.escrow().get().address());
        }
        checkNeighbours(content);
    }

    private static void checkNeighbours(RecordContent content) throws RecordException {
        List<NeighbourTag> neighbours = content.neighbours();
        if (neighbours.size() > MAX_NEIGHBOURS) {
            throw new RecordException(RecordRefusal.BAD_NEIGHBOURS, neighbours.size() + " neighbours");
        }
        NeighbourTag self = NeighbourTag.of(content.nodeKey());
        Set<NeighbourTag> seen = new HashSet<>();
        for (NeighbourTag neighbour : neighbours) {
            if (neighbour.equals(self)) {
                throw new RecordException(RecordRefusal.BAD_NEIGHBOURS, "the node names itself");
            }
            if (!seen.add(neighbour)) {
                throw new RecordException(RecordRefusal.BAD_NEIGHBOURS, "neighbour " + neighbour + " twice");
            }
        }
    }

    private static void checkAddresses(List<TransportAddress> addresses) throws RecordException {
        if (addresses.size() > MAX_ADDRESSES) {
            throw new RecordException(RecordRefusal.TOO_MANY_ADDRESSES, addresses.size() + " addresses");
        }
        Set<TransportAddress> seen = new HashSet<>();
        for (TransportAddress address : addresses) {
            checkAddress(address);
            if (!seen.add(address)) {
                throw new RecordException(RecordRefusal.DUPLICATE_ADDRESS, address.toString());
            }
        }
    }

    private static void checkAddress(TransportAddress address) throws RecordException {
        if (address.isUnusable()) {
            throw new RecordException(RecordRefusal.BAD_ADDRESS, address + " is unspecified, multicast or broadcast");
        }
    }

    private static void checkPrice(long droplets) throws RecordException {
        if (droplets < 0 || droplets > MAX_PRICE_DROPLETS) {
            throw new RecordException(RecordRefusal.ABSURD_PRICE, Long.toUnsignedString(droplets) + " droplets");
        }
    }

    static byte[] signedHash(byte[] encoded, int length) {
        return Hashes.sha256(DOMAIN, Arrays.copyOf(encoded, length));
    }

    private static byte[] encodeUnsigned(RecordContent content) {
        ByteBuffer out = ByteBuffer.allocate(MAX_BYTES * 2);
        out.put((byte) VERSION).put(content.nodeKey().key()).putLong(content.sequence())
                .putLong(content.expirySeconds()).put((byte) content.addresses().size());
        for (TransportAddress address : content.addresses()) {
            writeAddress(out, address);
        }
        out.putLong(content.forwardingPricePerGbDroplets()).putLong(content.capacityBytesPerSecond());
        int flags = (content.gateway().isPresent() ? FLAG_GATEWAY : 0) | (content.escrow().isPresent() ? FLAG_ESCROW : 0)
                | (content.neighbours().isEmpty() ? 0 : FLAG_NEIGHBOURS);
        out.put((byte) flags);
        content.gateway().ifPresent(gateway -> {
            byte[] region = gateway.region().getBytes(StandardCharsets.US_ASCII);
            out.putLong(gateway.pricePerGbDroplets()).put((byte) region.length).put(region)
                    .put((byte) gateway.allowedPorts().size());
            for (ExitPolicy.PortRange range : gateway.allowedPorts()) {
                out.putShort((short) range.from()).putShort((short) range.to());
            }
        });
        content.escrow().ifPresent(escrow -> {
            out.put(escrow.escrowKey().key());
            writeAddress(out, escrow.address());
        });
        if (!content.neighbours().isEmpty()) {
            out.put((byte) content.neighbours().size());
            for (NeighbourTag neighbour : content.neighbours()) {
                out.putLong(neighbour.value());
            }
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    /** Writes kind (1), address (4 or 16), port (2, BE). */
    static void writeAddress(ByteBuffer out, TransportAddress address) {
        out.put((byte) address.kind().code());
        address.writeAddressBytes(out);
        out.putShort((short) address.port());
    }

    /** Reads kind, address and port; refuses an unknown kind or port 0 as {@code BAD_ADDRESS}. */
    static TransportAddress readAddress(ByteBuffer in) throws RecordException {
        return new Reader(in).address();
    }

    /** Bounds-checked reads that turn a short input into {@code MALFORMED} instead of an exception. */
    private static final class Reader {
        private final ByteBuffer in;

        Reader(byte[] bytes) {
            this(ByteBuffer.wrap(bytes));
        }

        Reader(ByteBuffer in) {
            this.in = in;
        }

        int remaining() {
            return in.remaining();
        }

        private void need(int bytes) throws RecordException {
            if (in.remaining() < bytes) {
                throw new RecordException(RecordRefusal.MALFORMED, "truncated: need " + bytes + " more bytes");
            }
        }

        void skip(int bytes) throws RecordException {
            need(bytes);
            in.position(in.position() + bytes);
        }

        int u8() throws RecordException {
            need(1);
            return in.get() & 0xff;
        }

        int u16() throws RecordException {
            need(2);
            return in.getShort() & 0xffff;
        }

        long u64() throws RecordException {
            need(8);
            return in.getLong();
        }

        byte[] bytes(int length) throws RecordException {
            need(length);
            byte[] out = new byte[length];
            in.get(out);
            return out;
        }

        NodeId nodeKey() throws RecordException {
            byte[] key = bytes(NodeId.BYTES);
            try {
                return new NodeId(key);
            } catch (IllegalArgumentException e) {
                throw new RecordException(RecordRefusal.BAD_KEY, e.getMessage());
            }
        }

        TransportAddress address() throws RecordException {
            int code = u8();
            TransportAddress.Kind kind = TransportAddress.Kind.fromCode(code);
            if (kind == null) {
                throw new RecordException(RecordRefusal.BAD_ADDRESS, "unknown address kind " + code);
            }
            byte[] raw = bytes(kind.addressBytes());
            int port = u16();
            if (port == 0) {
                throw new RecordException(RecordRefusal.BAD_ADDRESS, "port 0");
            }
            return new TransportAddress(kind, raw, port);
        }

        /** Count (1, 1..32: a flag with no neighbours is refused so that each content has one encoding) and tags. */
        List<NeighbourTag> neighbours() throws RecordException {
            int count = u8();
            if (count == 0 || count > MAX_NEIGHBOURS) {
                throw new RecordException(RecordRefusal.BAD_NEIGHBOURS, count + " neighbours");
            }
            List<NeighbourTag> tags = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                tags.add(new NeighbourTag(u64()));
            }
            return tags;
        }

        GatewayService gateway() throws RecordException {
            long price = u64();
            int regionLength = u8();
            if (regionLength > GatewayService.MAX_REGION_LENGTH) {
                throw new RecordException(RecordRefusal.BAD_REGION, "region of " + regionLength + " bytes");
            }
            String region = new String(bytes(regionLength), StandardCharsets.ISO_8859_1);
            int ranges = u8();
            if (ranges > GatewayService.MAX_PORT_RANGES) {
                throw new RecordException(RecordRefusal.BAD_PORT_RANGE, ranges + " ranges");
            }
            List<ExitPolicy.PortRange> ports = new ArrayList<>(ranges);
            for (int i = 0; i < ranges; i++) {
                int from = u16();
                int to = u16();
                try {
                    ports.add(new ExitPolicy.PortRange(from, to));
                } catch (IllegalArgumentException e) {
                    throw new RecordException(RecordRefusal.BAD_PORT_RANGE, e.getMessage());
                }
            }
            return new GatewayService(price, region, ports);
        }
    }
}
