package io.skywire.node.discovery;

/**
 * A DHT message the driver must send: one UDP datagram (kind byte 0x20 in the runtime) to {@code to}.
 *
 * @param to    destination
 * @param bytes the encoded message, at most {@link DhtCodec#MAX_BYTES}
 */
public record Outgoing(TransportAddress to, byte[] bytes) {
}
