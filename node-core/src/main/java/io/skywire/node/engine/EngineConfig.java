package io.skywire.node.engine;

/**
 * Tunables of one node's engine; times in nanoseconds, sizes in bytes.
 *
 * @param maxInFlightPackets     ack-eliciting datagrams unacknowledged per link before bulk waits (at most 200,
 *                               so every one stays inside the 256-packet acknowledgement bitmap)
 * @param minRtoNanos            floor of the retransmission timeout
 * @param initialRtoNanos        retransmission timeout before the first RTT sample
 * @param linkDeadNanos          floor of the time without acknowledgement progress after which a busy link is dead
 * @param maxRouteBufferBytes    the largest per-direction buffer a hop grants one route
 * @param maxNodeBufferBytes     the total buffer a node reserves for all its routes
 * @param setupTimeoutNanos      an origin gives up on a route not confirmed within this
 * @param keepaliveNanos         an origin sends a keep-alive on a route idle for this long
 * @param routeExpiryNanos       a hop forgets a route silent for this long
 * @param housekeepingNanos      period of the expiry, keep-alive and metering sweep
 * @param maxRoutes              routes a node holds at most
 * @param replayMemory           setup ephemeral keys remembered to refuse replayed setups
 * @param buffers                the buffer policy (credit per route, or a buffer per upstream neighbour) and its
 *                               bounds; every node of a network must use the same policy
 * @param acks                   when received datagrams are acknowledged: at once, or delayed to ride along
 */
public record EngineConfig(
        int maxInFlightPackets,
        long minRtoNanos,
        long initialRtoNanos,
        long linkDeadNanos,
        int maxRouteBufferBytes,
        long maxNodeBufferBytes,
        long setupTimeoutNanos,
        long keepaliveNanos,
        long routeExpiryNanos,
        long housekeepingNanos,
        int maxRoutes,
        int replayMemory,
        BufferSettings buffers,
        AckSettings acks) {

    /** The smallest route buffer: eight full datagrams, so a credit step always fits a message. */
    public static final int MIN_ROUTE_BUFFER_BYTES = 16 * 1024;
    /** Default link MTU on UDP links. */
    public static final int DEFAULT_MTU = 1280;
    /** The largest in-flight window the acknowledgement bitmap supports. */
    public static final int MAX_IN_FLIGHT_LIMIT = 200;

    public EngineConfig {
        if (maxInFlightPackets < 1 || maxInFlightPackets > MAX_IN_FLIGHT_LIMIT) {
            throw new IllegalArgumentException("maxInFlightPackets must be 1.." + MAX_IN_FLIGHT_LIMIT);
        }
        if (maxRouteBufferBytes < MIN_ROUTE_BUFFER_BYTES) {
            throw new IllegalArgumentException("maxRouteBufferBytes below " + MIN_ROUTE_BUFFER_BYTES);
        }
        if (minRtoNanos <= 0 || initialRtoNanos <= 0 || linkDeadNanos <= 0 || housekeepingNanos <= 0) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (buffers == null) {
            throw new IllegalArgumentException("buffer settings missing");
        }
        if (acks == null) {
            throw new IllegalArgumentException("acknowledgement settings missing");
        }
        if (buffers.perSender() && buffers.blockTimeoutNanos() < 3 * housekeepingNanos) {
            // BLOCKs are repeated from the housekeeping sweep; a shorter lapse would lapse between two repeats.
            throw new IllegalArgumentException("blockTimeoutNanos must be at least three housekeeping periods");
        }
    }

    /** A configuration that acknowledges every datagram at once ({@link AckSettings#IMMEDIATE}). */
    public EngineConfig(int maxInFlightPackets, long minRtoNanos, long initialRtoNanos, long linkDeadNanos,
            int maxRouteBufferBytes, long maxNodeBufferBytes, long setupTimeoutNanos, long keepaliveNanos,
            long routeExpiryNanos, long housekeepingNanos, int maxRoutes, int replayMemory, BufferSettings buffers) {
        this(maxInFlightPackets, minRtoNanos, initialRtoNanos, linkDeadNanos, maxRouteBufferBytes, maxNodeBufferBytes,
                setupTimeoutNanos, keepaliveNanos, routeExpiryNanos, housekeepingNanos, maxRoutes, replayMemory,
                buffers, AckSettings.IMMEDIATE);
    }

    /** A configuration with the default buffer settings ({@link BufferSettings#defaults()}). */
    public EngineConfig(int maxInFlightPackets, long minRtoNanos, long initialRtoNanos, long linkDeadNanos,
            int maxRouteBufferBytes, long maxNodeBufferBytes, long setupTimeoutNanos, long keepaliveNanos,
            long routeExpiryNanos, long housekeepingNanos, int maxRoutes, int replayMemory) {
        this(maxInFlightPackets, minRtoNanos, initialRtoNanos, linkDeadNanos, maxRouteBufferBytes, maxNodeBufferBytes,
                setupTimeoutNanos, keepaliveNanos, routeExpiryNanos, housekeepingNanos, maxRoutes, replayMemory,
                BufferSettings.defaults());
    }

    /** This configuration with another buffer policy and bounds. */
    public EngineConfig withBuffers(BufferSettings settings) {
        return new EngineConfig(maxInFlightPackets, minRtoNanos, initialRtoNanos, linkDeadNanos, maxRouteBufferBytes,
                maxNodeBufferBytes, setupTimeoutNanos, keepaliveNanos, routeExpiryNanos, housekeepingNanos, maxRoutes,
                replayMemory, settings, acks);
    }

    /** This configuration with another floor for declaring a busy, unacknowledged link dead. */
    public EngineConfig withLinkDeadNanos(long nanos) {
        return new EngineConfig(maxInFlightPackets, minRtoNanos, initialRtoNanos, nanos, maxRouteBufferBytes,
                maxNodeBufferBytes, setupTimeoutNanos, keepaliveNanos, routeExpiryNanos, housekeepingNanos, maxRoutes,
                replayMemory, buffers, acks);
    }

    /** This configuration with other keep-alive, expiry and housekeeping periods. */
    public EngineConfig withRouteTimers(long keepalive, long routeExpiry, long housekeeping) {
        return new EngineConfig(maxInFlightPackets, minRtoNanos, initialRtoNanos, linkDeadNanos, maxRouteBufferBytes,
                maxNodeBufferBytes, setupTimeoutNanos, keepalive, routeExpiry, housekeeping, maxRoutes, replayMemory,
                buffers, acks);
    }

    /** This configuration with other acknowledgement timing. */
    public EngineConfig withAcks(AckSettings settings) {
        return new EngineConfig(maxInFlightPackets, minRtoNanos, initialRtoNanos, linkDeadNanos, maxRouteBufferBytes,
                maxNodeBufferBytes, setupTimeoutNanos, keepaliveNanos, routeExpiryNanos, housekeepingNanos, maxRoutes,
                replayMemory, buffers, settings);
    }

    /** Defaults for a node: 96 datagrams in flight, 4 MiB per route, 256 MiB per node. */
    public static EngineConfig defaults() {
        return new EngineConfig(96, 10_000_000L, 500_000_000L, 300_000_000L, 4 << 20, 256L << 20,
                10_000_000_000L, 10_000_000_000L, 35_000_000_000L, 1_000_000_000L, 1_000_000, 65_536);
    }
}
