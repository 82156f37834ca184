package io.skywire.app.ui;

/**
 * The client node's traffic over one sampling interval, in UDP datagrams per second (the node counts datagrams, not
 * bytes, so the chart says so rather than inventing a byte rate).
 *
 * @param second   seconds since the first reading
 * @param sent     datagrams sent per second
 * @param received datagrams received per second
 */
public record BandwidthPoint(long second, double sent, double received) {
}
