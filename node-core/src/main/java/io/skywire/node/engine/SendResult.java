package io.skywire.node.engine;

/** What became of a payload handed to {@link NodeEngine#send}. */
public enum SendResult {
    /** Queued; the engine owns it now. */
    ACCEPTED,
    /** The route's buffer is full (back-pressure); retry after a {@link NodeEvent.Writable} event. */
    WOULD_BLOCK,
    /** The route is not confirmed yet. */
    NOT_ESTABLISHED,
    /** The payload exceeds {@link NodeEngine#maxPayload}. */
    TOO_LARGE,
    /** No such open route. */
    CLOSED
}
