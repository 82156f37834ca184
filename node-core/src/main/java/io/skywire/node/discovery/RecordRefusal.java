package io.skywire.node.discovery;

/** Why a node record was refused; each refusal is counted under one of these. */
public enum RecordRefusal {
    /** Truncated, trailing bytes, unknown flag bits, a length that does not add up. */
    MALFORMED,
    /** Longer than {@link NodeRecordCodec#MAX_BYTES}. */
    OVERSIZED,
    /** A version byte this code does not know. */
    BAD_VERSION,
    /** The node key or the escrow key is not a compressed point on secp256k1. */
    BAD_KEY,
    /** The signature does not verify under the record's node key. */
    BAD_SIGNATURE,
    /** The expiry is not after now. */
    EXPIRED,
    /** The expiry is further ahead than the policy allows (24 h by default). */
    EXPIRY_TOO_FAR,
    /** A sequence number of 2^63 or more: nobody counts that far honestly. */
    ABSURD_SEQUENCE,
    /** A price above the whole Skycoin supply. */
    ABSURD_PRICE,
    /** A capacity of zero or above {@link NodeRecordCodec#MAX_CAPACITY_BYTES_PER_SECOND}. */
    ABSURD_CAPACITY,
    /** More transport addresses than {@link NodeRecordCodec#MAX_ADDRESSES}. */
    TOO_MANY_ADDRESSES,
    /** The same transport address twice. */
    DUPLICATE_ADDRESS,
    /** Unknown address kind, port 0, an unspecified, multicast or broadcast address. */
    BAD_ADDRESS,
    /** A loopback address where the policy wants addresses other machines can reach. */
    LOOPBACK_ADDRESS,
    /** A gateway region label that is empty, too long or not lower-case ASCII letters, digits and '-'. */
    BAD_REGION,
    /** A gateway port range outside 1..65535, reversed, or too many of them. */
    BAD_PORT_RANGE,
    /** More than 32 neighbours, a neighbour count of 0 with the flag set, one named twice, or the node itself. */
    BAD_NEIGHBOURS,
    /** A sequence number not above the one already held for that node. */
    OLD_SEQUENCE,
    /** The store is full of unexpired records of other nodes. */
    STORE_FULL
}
