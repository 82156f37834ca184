package io.skywire.node.group;

/** What a route group counts: its traffic, its recoveries, and the input it refused. */
public enum GroupCounter {
    /** Data chunks handed to a member route for the first time. */
    CHUNKS_SENT,
    /** Data chunks sent again because the member carrying them failed. */
    CHUNKS_RESENT,
    /** Parity chunks handed to a member route. */
    PARITY_SENT,
    /** Parity chunks never sent because their stripe was broken up by a member's failure. */
    PARITY_ABANDONED,
    /** Data chunks received and put in order. */
    CHUNKS_RECEIVED,
    /** Data chunks rebuilt from a parity chunk and the rest of their stripe, without a resend. */
    CHUNKS_REBUILT,
    /**
     * Rebuilt chunks whose original arrived afterwards (it was slow, not lost): {@link #CHUNKS_REBUILT} minus this
     * is what parity saved from a failed member.
     */
    REBUILT_THEN_ARRIVED,
    /** ACK frames sent. */
    ACKS_SENT,
    /** Member routes that failed, closed or broke the protocol. */
    MEMBERS_FAILED,
    /** Frames that did not decode; the member they came on is dropped. */
    FRAMES_MALFORMED,
    /** Data chunks already received (resends after a failure, or replays). */
    DATA_DUPLICATE,
    /** Data chunks at or beyond the window this end advertised. */
    DATA_OUTSIDE_WINDOW,
    /** Parity chunks that cannot help: duplicate, outside the window, already complete or inconsistent. */
    PARITY_UNUSABLE,
    /** ACKs naming chunks never sent. */
    ACKS_INVALID
}
