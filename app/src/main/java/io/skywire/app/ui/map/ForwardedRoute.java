package io.skywire.app.ui.map;

/**
 * A route the client forwards for someone else: it knows only the neighbour the bytes come from and the one they go to
 * (onion routing hides the rest).
 *
 * @param handle         the engine's handle
 * @param previous       the neighbour towards the route's origin
 * @param next           the neighbour towards its destination
 * @param bytesForwarded payload bytes forwarded so far
 */
public record ForwardedRoute(long handle, String previous, String next, long bytesForwarded) {
}
