package io.skywire.node.gateway;

import io.skywire.node.stream.StreamCodec;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One measurement of a gateway through a tunnel, with the stream PINGs of docs/PROTOCOL.md 3.2 (nothing new on the
 * wire): a small PING for the round trip, then a burst of {@link #BURST_PINGS} PINGs of the largest body whose
 * echoes, 2 x 8 x 16 KiB in all, give the throughput. The user's "Speed test" runs it over the gateway's own routes;
 * the tunnel's first throughput probe uses the same burst arithmetic ({@link #bytesPerSecond}).
 *
 * <p>It runs on the tunnel's loop: {@link #start} sends, {@link #pong} is fed every answer the tunnel hears and
 * returns whether the answer was this test's.
 */
final class SpeedTest {

    /** PINGs in a throughput burst, each of the largest body: 128 KiB each way. */
    static final int BURST_PINGS = 8;

    /** What was measured: the round trip of one small PING and the burst's bytes per second both ways. */
    record Result(long roundTripMillis, long throughputBytesPerSecond) {
    }

    private final GatewayTunnel tunnel;
    private final CompletableFuture<Result> done = new CompletableFuture<>();
    private int latencyId = -1;
    private long latencySentNanos;
    private long roundTripMillis;
    private int lastBurstId = -1;
    private long burstStartNanos;

    SpeedTest(GatewayTunnel tunnel) {
        this.tunnel = tunnel;
    }

    /** The bytes a burst carries, both ways, per second of {@code nanos} (at least 1 ns). */
    static long bytesPerSecond(long nanos) {
        long bytes = 2L * BURST_PINGS * StreamCodec.MAX_BODY;
        return bytes * 1_000_000_000L / Math.max(1, nanos);
    }

    /** Sends a burst on {@code tunnel}; returns the last PING's id, whose answer ends the burst. */
    static int sendBurst(GatewayTunnel tunnel) {
        byte[] body = new byte[StreamCodec.MAX_BODY];
        int last = -1;
        for (int i = 0; i < BURST_PINGS; i++) {
            last = tunnel.ping(body);
        }
        return last;
    }

    /** Sends the round-trip PING; the burst follows its answer. */
    void start() {
        if (tunnel.isEnded()) {
            done.completeExceptionally(new IllegalStateException("the route to the gateway has ended"));
            return;
        }
        latencySentNanos = System.nanoTime();
        latencyId = tunnel.ping(ByteBuffer.allocate(StreamCodec.MIN_PING_BODY).putLong(latencySentNanos).array());
    }

    /** Hears one PONG of the tunnel; true when it was this test's. */
    boolean pong(int id) {
        if (done.isDone()) {
            return false;
        }
        if (id == latencyId) {
            roundTripMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - latencySentNanos));
            latencyId = -1;
            burstStartNanos = System.nanoTime();
            lastBurstId = sendBurst(tunnel);
            return true;
        }
        if (id == lastBurstId) {
            done.complete(new Result(roundTripMillis, bytesPerSecond(System.nanoTime() - burstStartNanos)));
            return true;
        }
        return false;
    }

    /** Gives up (timeout, route lost): the result fails with {@code why}. */
    void fail(String why) {
        done.completeExceptionally(new java.io.IOException(why));
    }

    boolean isDone() {
        return done.isDone();
    }

    /** Completes with the measurement, or fails with why there is none. */
    CompletableFuture<Result> result() {
        return done;
    }
}
