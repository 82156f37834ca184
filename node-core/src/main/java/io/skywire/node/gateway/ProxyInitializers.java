package io.skywire.node.gateway;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.concurrent.TimeUnit;

/** The two local proxy pipelines, each handler listed in order; the handshake handlers give way to the stream bridge. */
final class ProxyInitializers {

    static final String TIMEOUT = "handshake-timeout";
    static final String DECODER = "decoder";
    static final String HANDLER = "handshake";

    private ProxyInitializers() {
    }

    /** SOCKS5: handshake timeout, then the decoder, then the handshake handler. */
    static ChannelInitializer<SocketChannel> socks5(TunnelConnector tunnel, ProxyCredentials credentials,
                                                    int handshakeTimeoutMillis) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline()
                        .addLast(TIMEOUT, new ReadTimeoutHandler(handshakeTimeoutMillis, TimeUnit.MILLISECONDS))
                        .addLast(DECODER, new Socks5Decoder(credentials != null))
                        .addLast(HANDLER, new Socks5Handler(tunnel, credentials));
            }
        };
    }

    /** HTTP CONNECT: handshake timeout, then the request-head decoder (which checks credentials), then the handler. */
    static ChannelInitializer<SocketChannel> httpConnect(TunnelConnector tunnel, ProxyCredentials credentials,
                                                         int handshakeTimeoutMillis) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline()
                        .addLast(TIMEOUT, new ReadTimeoutHandler(handshakeTimeoutMillis, TimeUnit.MILLISECONDS))
                        .addLast(DECODER, new HttpConnectDecoder(credentials))
                        .addLast(HANDLER, new HttpConnectHandler(tunnel));
            }
        };
    }
}
