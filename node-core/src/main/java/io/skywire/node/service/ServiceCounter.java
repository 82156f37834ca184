package io.skywire.node.service;

/** What the service host counts; hostile or broken input shows up here, never as an exception. */
public enum ServiceCounter {
    MESSAGES_SENT,
    MESSAGES_RECEIVED,
    /** Handed to a handler. */
    MESSAGES_HANDLED,
    REFUSED_UNKNOWN_TYPE,
    REFUSED_UNKNOWN_VERSION,
    REFUSED_MALFORMED,
    REFUSED_OVERSIZED,
    REFUSED_RATE_LIMITED,
    REFUSED_QUEUE_FULL,
    /** REFUSED messages received from peers. */
    REFUSALS_RECEIVED,
    /** Sends refused by the per-peer bound. */
    SENDS_BACK_PRESSURED,
    SENDS_FAILED,
    ROUTES_OPENED,
    ROUTES_ACCEPTED,
    /** An incoming route whose opening did not decode, was not signed by its origin or named no service. */
    OPENS_REFUSED,
    /** A route whose byte stream lost its framing (closed). */
    STREAMS_BROKEN,
    /** Messages from banned peers, dropped. */
    FROM_BANNED_PEERS,
    PEERS_REPORTED,
    HANDLER_CRASHES,
    SERVICE_RESTARTS,
    PEX_PEERS_LEARNED;

    /** The counter of a refusal. */
    public static ServiceCounter of(Refusal refusal) {
        return switch (refusal) {
            case UNKNOWN_TYPE -> REFUSED_UNKNOWN_TYPE;
            case UNKNOWN_VERSION -> REFUSED_UNKNOWN_VERSION;
            case MALFORMED -> REFUSED_MALFORMED;
            case OVERSIZED -> REFUSED_OVERSIZED;
            case RATE_LIMITED -> REFUSED_RATE_LIMITED;
            case QUEUE_FULL -> REFUSED_QUEUE_FULL;
        };
    }
}
