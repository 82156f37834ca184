package io.skywire.node.vpn;

/** What an IP tunnel end counts: traffic, and every packet or lane it refused, by reason. */
public enum VpnCounter {
    /** IPv4 packets read from the TUN device and sent into the tunnel. */
    PACKETS_SENT,
    /** IPv4 packets from the tunnel written to the TUN device. */
    PACKETS_RECEIVED,
    BYTES_SENT,
    BYTES_RECEIVED,
    /** Small packets that went on the real-time lane. */
    PACKETS_REALTIME,
    /** The TUN device gave something that is not a valid IPv4 packet (IPv6 included: the tunnel is IPv4 only). */
    DROPPED_NOT_IPV4,
    /** A client's packet whose source is not the address it was given. */
    DROPPED_SPOOFED,
    /** A client's packet to a destination or port the exit policy refuses. */
    DROPPED_POLICY,
    /** A packet from the TUN device for an address no client holds. */
    DROPPED_NO_CLIENT,
    /** The lane already had its limit of bytes queued (a slow client or path); IP may drop, TCP slows down. */
    DROPPED_QUEUE_FULL,
    /** The tunnel was down when a packet came from the TUN device (the kill switch's side of it). */
    DROPPED_TUNNEL_DOWN,
    /** A lane whose bytes broke the tunnel protocol; it was closed. */
    LANES_MALFORMED,
    /** A lane refused (no address free, unknown session, lane taken). */
    LANES_REFUSED,
    /** Client sessions started (gateway) or tunnels established (client). */
    SESSIONS,
    /** DNS queries relayed to the gateway's resolver. */
    DNS_RELAYED,
    /** DNS queries dropped (relay busy, upstream silent or failing). */
    DNS_DROPPED
}
