package io.skywire.node.discovery;

import io.skywire.node.identity.NodeId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The signed fields of a {@link NodeRecord}: who the node is, where it listens and what it offers. Ranges are
 * checked by {@link NodeRecordCodec} when signing and when decoding, not here, so that tests can build bad ones.
 *
 * @param nodeKey                      the node's public key, which signs the record
 * @param sequence                     grows with every new record of the node; a store keeps the highest
 * @param expirySeconds                absolute expiry, seconds since the Unix epoch
 * @param addresses                    where the node can be reached
 * @param forwardingPricePerGbDroplets what it charges per 10^9 forwarded bytes
 * @param capacityBytesPerSecond       the forwarding rate it offers
 * @param gateway                      its gateway offer, if it is an exit
 * @param escrow                       the escrow it uses, if any
 * @param neighbours                   the nodes it has links to now, at most
 *                                     {@link NodeRecordCodec#MAX_NEIGHBOURS}, never itself, each once
 */
public record RecordContent(NodeId nodeKey, long sequence, long expirySeconds, List<TransportAddress> addresses,
                            long forwardingPricePerGbDroplets, long capacityBytesPerSecond,
                            Optional<GatewayService> gateway, Optional<EscrowService> escrow,
                            List<NeighbourTag> neighbours) {

    public RecordContent {
        Objects.requireNonNull(nodeKey, "nodeKey");
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(escrow, "escrow");
        neighbours = List.copyOf(neighbours);
    }

    /** A record that names no neighbours. */
    public RecordContent(NodeId nodeKey, long sequence, long expirySeconds, List<TransportAddress> addresses,
                         long forwardingPricePerGbDroplets, long capacityBytesPerSecond,
                         Optional<GatewayService> gateway, Optional<EscrowService> escrow) {
        this(nodeKey, sequence, expirySeconds, addresses, forwardingPricePerGbDroplets, capacityBytesPerSecond,
                gateway, escrow, List.of());
    }

    /** A plain forwarding node: no gateway, no escrow. */
    public static RecordContent forwarder(NodeId nodeKey, long sequence, long expirySeconds,
                                          List<TransportAddress> addresses, long pricePerGbDroplets,
                                          long capacityBytesPerSecond) {
        return new RecordContent(nodeKey, sequence, expirySeconds, addresses, pricePerGbDroplets,
                capacityBytesPerSecond, Optional.empty(), Optional.empty());
    }

    /** The same content with another sequence number and expiry, for the next version of a record. */
    public RecordContent renewed(long newSequence, long newExpirySeconds) {
        return new RecordContent(nodeKey, newSequence, newExpirySeconds, addresses, forwardingPricePerGbDroplets,
                capacityBytesPerSecond, gateway, escrow, neighbours);
    }

    /** The same content naming these link neighbours. */
    public RecordContent withNeighbours(List<NeighbourTag> newNeighbours) {
        return new RecordContent(nodeKey, sequence, expirySeconds, addresses, forwardingPricePerGbDroplets,
                capacityBytesPerSecond, gateway, escrow, newNeighbours);
    }

    /** The same content with this gateway offer (or none). */
    public RecordContent withGateway(Optional<GatewayService> newGateway) {
        return new RecordContent(nodeKey, sequence, expirySeconds, addresses, forwardingPricePerGbDroplets,
                capacityBytesPerSecond, newGateway, escrow, neighbours);
    }

    /** The same content with this forwarding price. */
    public RecordContent withForwardingPrice(long pricePerGbDroplets) {
        return new RecordContent(nodeKey, sequence, expirySeconds, addresses, pricePerGbDroplets,
                capacityBytesPerSecond, gateway, escrow, neighbours);
    }
}
