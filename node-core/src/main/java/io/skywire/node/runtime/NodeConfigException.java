package io.skywire.node.runtime;

/**
 * A configuration file in the {@code key = value} format of docs/CONFIG.md (a node's, or the desktop app's {@code
 * desktop.conf}) that cannot be used, with the line (1-based; 0 for the file as a whole, or for a single value checked
 * on its own) and why.
 */
public final class NodeConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final String reason;

    public NodeConfigException(int line, String reason) {
        super(line > 0 ? "line " + line + ": " + reason : reason);
        this.line = line;
        this.reason = reason;
    }

    public NodeConfigException(int line, String reason, Throwable cause) {
        this(line, reason);
        initCause(cause);
    }

    /** The offending line, counted from 1, or 0 when the problem is the file as a whole. */
    public int line() {
        return line;
    }

    /** What is wrong, without the line number. */
    public String reason() {
        return reason;
    }
}
