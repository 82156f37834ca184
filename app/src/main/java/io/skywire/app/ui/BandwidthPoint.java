package io.skywire.app.ui;

/**
 * The client node's traffic over one sampling interval, in bytes per second of link datagrams.
 *
 * @param second    seconds since the first reading
 * @param sent      bytes sent per second (its own traffic and what it forwards)
 * @param received  bytes received per second
 * @param forwarded route payload bytes per second passed on for others as a transit hop
 */
public record BandwidthPoint(long second, double sent, double received, double forwarded) {
}
