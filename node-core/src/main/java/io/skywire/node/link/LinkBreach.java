package io.skywire.node.link;

/** Every way a peer can break the link protocol; each is counted, and on a stream link each closes the link. */
public enum LinkBreach {
    /** A length prefix above the configured maximum. */
    OVERSIZED_FRAME,
    /** A frame shorter than its fixed parts, or a stream that ended inside a frame. */
    TRUNCATED_FRAME,
    /** A handshake act was refused (see {@link HandshakeException.Reason}). */
    HANDSHAKE_FAILED,
    /** The handshake did not complete within the configured time. */
    HANDSHAKE_TIMEOUT,
    /** The header names a key epoch the receiver does not hold. */
    UNKNOWN_EPOCH,
    /** The counter is at or above the per-key frame limit. */
    BAD_COUNTER,
    /** The counter was already received under this key. */
    REPLAYED,
    /** The counter is below the replay window. */
    TOO_OLD,
    /** The authentication tag did not verify. */
    BAD_TAG,
    /** An authenticated plaintext with an unknown type or a malformed control body. */
    MALFORMED_CONTROL,
    /** An authenticated rekey message that contradicts the rekey state. */
    UNEXPECTED_REKEY,
    /** The local send key reached its frame limit because the peer never answered a rekey offer. */
    KEY_EXHAUSTED
}
