package io.skywire.node.engine;

/** What a node counts: traffic, losses and every kind of refused input. */
public enum Counter {
    DATAGRAMS_SENT,
    DATAGRAMS_RECEIVED,
    DATAGRAMS_MALFORMED,
    DATAGRAMS_OUTSIDE_WINDOW,
    DATAGRAMS_DUPLICATE,
    DATAGRAMS_UNKNOWN_LINK,
    PACKETS_LOST,
    FRAMES_RETRANSMITTED,
    ACKS_INVALID,
    FRAMES_UNKNOWN_ROUTE,
    DATA_OVER_CREDIT,
    DATA_DUPLICATE,
    DATA_REORDER_OVERFLOW,
    CREDIT_OVERFLOW,
    CREDIT_STALE,
    CUT_THROUGH_DROPPED,
    CUT_THROUGH_LOST,
    SETUP_MALFORMED,
    SETUP_REPLAYED,
    SETUP_REFUSED,
    CONFIRM_INVALID,
    E2E_AUTH_FAILED,
    ROUTES_OPENED,
    ROUTES_FAILED,
    LINKS_DEAD,
    VIRTUAL_DATAGRAMS_SENT,
    VIRTUAL_DATAGRAMS_RECEIVED,
    RETURN_DATAGRAMS_SENT,
    RETURN_DATAGRAMS_RECEIVED,
    RETURN_ACKS,
    RETURN_CREDITS,
    RETURN_UNKNOWN_LINK,
    CARRIER_MALFORMED,
    /** Setups refused because the offered price is below this node's, or unpaid at a node that charges. */
    SETUP_PRICE_REFUSED,
    /** PAYMENT frames that are malformed for their route (from the destination's side, or with no hop left). */
    PAYMENT_UNOPENED,
    /** Payment messages opened by this hop and handed to its policy. */
    PAYMENTS_RECEIVED,
    /** Times a paid route reached its allowance and waited for a payment. */
    PAYMENT_STALLS,
    /** Times a payment let a waiting route move again. */
    PAYMENT_RESUMED,
    /** Payment policy calls that threw; the route keeps the allowance it had. */
    PAYMENT_POLICY_ERRORS,
    /** Bytes of the link datagrams counted by {@link #DATAGRAMS_SENT} (headers, frames and acknowledgements). */
    BYTES_SENT,
    /** Bytes of the link datagrams counted by {@link #DATAGRAMS_RECEIVED}. */
    BYTES_RECEIVED,
    /**
     * Route payload bytes this node passed on as a transit hop and the next hop acknowledged: what it relays for
     * others, the sum of its routes' metered {@code bytesForwarded}.
     */
    BYTES_FORWARDED,
    /** Route-table lookups for received route frames (DATA, CREDIT, BLOCK and the rest). */
    ROUTE_LOOKUPS,
    /** DATA frames received (each costs one route lookup, under either buffer policy). */
    DATA_FRAMES_RECEIVED,
    /** Route payloads this node forwarded as a transit hop (counted when the next hop acknowledged them). */
    PAYLOADS_FORWARDED,
    /** Per-sender policy: BLOCK frames sent to an upstream neighbour (first ones and repeats). */
    BLOCKS_SENT,
    /** Per-sender policy: UNBLOCK frames sent. */
    UNBLOCKS_SENT,
    /** Per-sender policy: BLOCK frames received and obeyed. */
    BLOCKS_RECEIVED,
    /** Per-sender policy: UNBLOCK frames received and obeyed. */
    UNBLOCKS_RECEIVED,
    /** BLOCK or UNBLOCK frames older (by sequence) than one already obeyed for the route: late resends or a flood. */
    BLOCKS_STALE,
    /** Blocks that lapsed because the blocking neighbour did not repeat them in time. */
    BLOCKS_EXPIRED,
    /** Per-sender policy: payloads refused because their sender's buffer was past its hard limit (BLOCKs ignored). */
    DATA_OVER_BUFFER,
    /** CREDIT received by a per-sender node, or BLOCK by a credit node: a neighbour with the other buffer policy. */
    FRAMES_POLICY_MISMATCH
}
