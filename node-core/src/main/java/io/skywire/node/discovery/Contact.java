package io.skywire.node.discovery;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A DHT peer as the routing table holds it: its id (SHA-256 of its node key), the key itself and the UDP address
 * it answers on. The key is checked for a compressed-point prefix only; whether it is on the curve matters when
 * its record is verified or a link is opened to it, not to route lookups.
 *
 * @param id      SHA-256 of {@code nodeKey}
 * @param nodeKey the 33-byte compressed public key; copied in and out
 * @param address where its DHT messages go
 */
public record Contact(DhtKey id, byte[] nodeKey, TransportAddress address) {

    public Contact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        if (!isCompressedKeyShape(nodeKey)) {
            throw new IllegalArgumentException("a contact's key is 33 bytes starting 02 or 03");
        }
        nodeKey = nodeKey.clone();
    }

    /** The contact of the node with this key at this address. */
    public static Contact of(byte[] nodeKey, TransportAddress address) {
        return new Contact(DhtKey.ofNodeKey(nodeKey), nodeKey, address);
    }

    /** A node's contact for its DHT address taken from its record. */
    public static Contact of(NodeRecord record, TransportAddress address) {
        return new Contact(record.dhtKey(), record.nodeKey().key(), address);
    }

    static boolean isCompressedKeyShape(byte[] key) {
        return key != null && key.length == 33 && (key[0] == 0x02 || key[0] == 0x03);
    }

    @Override
    public byte[] nodeKey() {
        return nodeKey.clone();
    }

    byte[] nodeKeyView() {
        return nodeKey;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Contact that && id.equals(that.id) && address.equals(that.address)
                && Arrays.equals(nodeKey, that.nodeKey);
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + address.hashCode();
    }

    @Override
    public String toString() {
        return "Contact[" + HexFormat.of().formatHex(nodeKey, 0, 6) + ".. at " + address + "]";
    }
}
