package io.skywire.node.service;

/** A send refused because too many messages to the same peer are still waiting for the route to take them. */
public final class BackPressureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BackPressureException(String message) {
        super(message);
    }
}
