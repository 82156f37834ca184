package io.skywire.app.settings;

/** A desktop settings file or value that cannot be used, with the line (1-based; 0 for no line) and why. */
public final class SettingsException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final String reason;

    public SettingsException(int line, String reason) {
        super(line > 0 ? "line " + line + ": " + reason : reason);
        this.line = line;
        this.reason = reason;
    }

    /** The offending line, counted from 1, or 0 when the problem is not one line's. */
    public int line() {
        return line;
    }

    /** What is wrong, without the line number: what the settings screen shows next to a field. */
    public String reason() {
        return reason;
    }
}
