package io.skywire.app.cli;

/** A command could not do its work for a reason the user can act on; the message is the one line printed. */
final class CommandFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandFailedException(String message) {
        super(message);
    }
}
