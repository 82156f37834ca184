package io.skywire.node.runtime;

import io.skywire.node.engine.Counter;
import io.skywire.node.link.LinkBreach;
import java.util.Map;

/**
 * A snapshot of a running node's counters.
 *
 * @param engine              the engine's traffic and refused-input counters
 * @param udp                 the UDP driver's counters
 * @param udpFramesRejected   UDP transport frames refused by the link cipher, by reason
 * @param tcpLinksEstablished TCP links whose handshake completed
 * @param tcpLinksBreached    TCP links closed for a protocol breach
 * @param links               links the engine holds now
 * @param routes              routes the engine holds now, in any role
 */
public record RuntimeCounters(Map<Counter, Long> engine, Map<UdpCounter, Long> udp,
                              Map<LinkBreach, Long> udpFramesRejected, long tcpLinksEstablished,
                              long tcpLinksBreached, int links, int routes) {

    public RuntimeCounters {
        engine = Map.copyOf(engine);
        udp = Map.copyOf(udp);
        udpFramesRejected = Map.copyOf(udpFramesRejected);
    }

    /** One engine counter. */
    public long engine(Counter counter) {
        return engine.getOrDefault(counter, 0L);
    }

    /** One UDP counter. */
    public long udp(UdpCounter counter) {
        return udp.getOrDefault(counter, 0L);
    }

    /** UDP frames refused for one reason. */
    public long udpRejected(LinkBreach breach) {
        return udpFramesRejected.getOrDefault(breach, 0L);
    }
}
