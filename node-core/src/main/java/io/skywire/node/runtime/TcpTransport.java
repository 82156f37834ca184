package io.skywire.node.runtime;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.skywire.node.identity.NodeId;
import io.skywire.node.link.LinkChannelInitializer;
import io.skywire.node.link.LinkMetrics;
import io.skywire.node.link.LinkSettings;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's TCP links: the encrypted link pipeline ({@link LinkChannelInitializer}) with one engine datagram
 * per link message, so the engine MTU is the link's largest payload. Accepted and dialled channels live on
 * the node's single event loop; a static neighbour is redialled with back-off whenever its channel closes.
 */
final class TcpTransport {

    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);
    private static final long FIRST_REDIAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long MAX_REDIAL_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final EngineDriver driver;
    private final IoTransports io;
    private final LinkSettings settings;
    private final byte[] secret;
    private final LinkMetrics metrics = new LinkMetrics();
    private final List<Channel> channels = new ArrayList<>();
    private Channel server;
    private boolean closed;

    TcpTransport(EngineDriver driver, IoTransports io, LinkSettings settings, byte[] secret) {
        this.driver = driver;
        this.io = io;
        this.settings = settings;
        this.secret = secret.clone();
    }

    /** The engine MTU on TCP links: one link message carries one engine datagram. */
    int engineMtu() {
        return settings.maxPayload();
    }

    LinkMetrics metrics() {
        return metrics;
    }

    /** Starts listening (blocking the caller, never the loop). */
    InetSocketAddress listen(InetSocketAddress address) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(driver.loop(), driver.loop())
                .channel(io.server())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(LinkChannelInitializer.responder(secret, settings,
                        () -> new TcpLinkHandler(driver, engineMtu()), metrics));
        server = bootstrap.bind(address).sync().channel();
        return (InetSocketAddress) server.localAddress();
    }

    /** Dials a static neighbour now and again whenever the connection ends; call on the loop. */
    void dial(NodeId peer, InetSocketAddress address) {
        dial(peer, address, FIRST_REDIAL_NANOS);
    }

    private void dial(NodeId peer, InetSocketAddress address, long backoff) {
        if (closed) {
            return;
        }
        ChannelFuture connect = new Bootstrap()
                .group(driver.loop())
                .channel(io.socket())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(LinkChannelInitializer.initiator(secret, peer, settings,
                        () -> new TcpLinkHandler(driver, engineMtu()), metrics))
                .connect(address);
        Channel channel = connect.channel();
        channels.add(channel);
        long started = System.nanoTime();
        channel.closeFuture().addListener(done -> {
            channels.remove(channel);
            // A link that lived a while earns a quick redial; repeated failures back off.
            long next = System.nanoTime() - started > MAX_REDIAL_NANOS ? FIRST_REDIAL_NANOS
                    : Math.min(MAX_REDIAL_NANOS, backoff * 2);
            if (!closed) {
                LOG.debug("TCP link to {} at {} ended; redialling in {} ms", peer.fingerprint(), address,
                        backoff / 1_000_000);
                driver.loop().schedule(() -> dial(peer, address, next), backoff, TimeUnit.NANOSECONDS);
            }
        });
    }

    void close() {
        closed = true;
        if (server != null) {
            server.close();
        }
        for (Channel channel : new ArrayList<>(channels)) {
            channel.close();
        }
    }
}
