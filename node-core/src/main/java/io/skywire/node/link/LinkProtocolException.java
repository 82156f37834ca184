package io.skywire.node.link;

/** A typed protocol breach on one link; thrown by the sans-I/O engine and by the pipeline's handlers. */
public final class LinkProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final LinkBreach breach;

    public LinkProtocolException(LinkBreach breach, String detail) {
        // No stack trace: these are peer-triggered and frequent under attack; the breach and detail say it all.
        super(breach + ": " + detail, null, false, false);
        this.breach = breach;
    }

    /** The kind of breach, for counters and tests. */
    public LinkBreach breach() {
        return breach;
    }
}
