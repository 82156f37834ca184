package io.skywire.node.discovery;

/** A node record refused for one {@link RecordRefusal reason}; the only failure the record codec and policy report. */
public final class RecordException extends Exception {

    private static final long serialVersionUID = 1L;

    private final RecordRefusal reason;

    public RecordException(RecordRefusal reason, String message) {
        super(reason + ": " + message, null, false, false);
        this.reason = reason;
    }

    /** Why the record was refused. */
    public RecordRefusal reason() {
        return reason;
    }
}
