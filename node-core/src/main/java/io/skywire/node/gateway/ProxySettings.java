package io.skywire.node.gateway;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where the local proxies listen and how strict they are.
 *
 * @param socksListen            the SOCKS5 address (127.0.0.1 by default; port 0 picks one)
 * @param httpListen             the HTTP CONNECT address, or null for none
 * @param credentials            credentials every client must give (SOCKS5: RFC 1929; HTTP: Basic in
 *                               Proxy-Authorization), or null for no authentication
 * @param handshakeTimeoutMillis a client that has not finished its request by then is disconnected
 * @param killSwitch             when true, no connection ever leaves outside the tunnel: while no gateway works, requests
 *                               are refused; when false they go straight to their destination until a gateway works
 *                               again (which leaks the destination and its DNS query to the local network)
 * @param health                 how the tunnel is probed and when the client moves to another gateway
 */
public record ProxySettings(InetSocketAddress socksListen, InetSocketAddress httpListen, ProxyCredentials credentials,
                            int handshakeTimeoutMillis, boolean killSwitch, HealthSettings health) {

    public ProxySettings {
        Objects.requireNonNull(socksListen, "socksListen");
        Objects.requireNonNull(health, "health");
        if (handshakeTimeoutMillis < 1) {
            throw new IllegalArgumentException("handshake timeout must be positive");
        }
    }

    /**
     * SOCKS5 and HTTP on 127.0.0.1 at the given ports (0 = any; a negative HTTP port = no HTTP proxy), no
     * credentials, kill switch on, default health checks.
     */
    public static ProxySettings loopback(int socksPort, int httpPort) {
        return new ProxySettings(new InetSocketAddress("127.0.0.1", socksPort),
                httpPort < 0 ? null : new InetSocketAddress("127.0.0.1", httpPort), null, 10_000, true,
                HealthSettings.defaults());
    }

    /** A copy requiring credentials on both proxies. */
    public ProxySettings withCredentials(ProxyCredentials required) {
        return new ProxySettings(socksListen, httpListen, required, handshakeTimeoutMillis, killSwitch, health);
    }

    /** A copy with another handshake timeout. */
    public ProxySettings withHandshakeTimeoutMillis(int millis) {
        return new ProxySettings(socksListen, httpListen, credentials, millis, killSwitch, health);
    }

    /** A copy with the kill switch on or off. */
    public ProxySettings withKillSwitch(boolean on) {
        return new ProxySettings(socksListen, httpListen, credentials, handshakeTimeoutMillis, on, health);
    }

    /** A copy with other health checks. */
    public ProxySettings withHealth(HealthSettings checks) {
        return new ProxySettings(socksListen, httpListen, credentials, handshakeTimeoutMillis, killSwitch, checks);
    }
}
