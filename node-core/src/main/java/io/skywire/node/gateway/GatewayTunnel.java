package io.skywire.node.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.skywire.node.engine.FailureReason;
import io.skywire.node.stream.ResetReason;
import io.skywire.node.stream.StreamMux;
import io.skywire.node.stream.StreamTarget;
import java.util.concurrent.CompletableFuture;

/** The client's end of a route or route group to a gateway: each proxied connection becomes one stream on it. */
final class GatewayTunnel implements TunnelConnector {

    private final RouteStreams streams;

    GatewayTunnel(TunnelPipe pipe, EventLoop loop) {
        this.streams = new RouteStreams(pipe, new StreamMux(true, StreamMux.DEFAULT_WINDOW), loop, null);
        streams.start();
    }

    /** Sends an end-to-end probe (see {@link StreamMux#ping}); must run on the tunnel's loop. */
    int ping(byte[] body) {
        return streams.ping(body);
    }

    /** Who hears the answers to {@link #ping}, on the tunnel's loop. */
    void onPong(RouteStreams.PongListener listener) {
        streams.onPong(listener);
    }

    /** Completes with the route's failure reason when it ends. */
    CompletableFuture<FailureReason> ended() {
        return streams.pipe().ended();
    }

    /** Streams open on the tunnel now. */
    int streamCount() {
        return streams.streamCount();
    }

    boolean isEnded() {
        return streams.isEnded();
    }

    void close() {
        streams.loop().execute(streams::close);
    }

    /**
     * Opens a stream to {@code target} for {@code channel} (which must run on the tunnel's loop and have auto-read
     * off); on success the handshake handlers named are replaced by the stream bridge.
     */
    @Override
    public void connect(Channel channel, StreamTarget target, OpenListener listener, String... handshakeHandlers) {
        if (streams.isEnded()) {
            listener.refused(channel, ResetReason.ROUTE_LOST);
            return;
        }
        StreamBridgeHandler[] holder = new StreamBridgeHandler[1];
        StreamBridgeHandler bridge = new StreamBridgeHandler(streams, () -> {
            listener.opened(channel);
            ChannelPipeline pipeline = channel.pipeline();
            pipeline.addLast("stream-bridge", holder[0]);
            // Removing the decoder last hands any bytes the client sent after its request to the bridge.
            for (String name : handshakeHandlers) {
                pipeline.remove(name);
            }
            channel.config().setAutoRead(true);
        }, reason -> listener.refused(channel, reason));
        holder[0] = bridge;
        int id;
        try {
            id = streams.open(target, bridge);
        } catch (IllegalStateException e) {
            listener.refused(channel, ResetReason.NO_CAPACITY);
            return;
        }
        bridge.bind(id);
        channel.closeFuture().addListener(closed -> {
            if (streams.exists(id)) {
                streams.reset(id, ResetReason.CANCELLED);
            }
        });
    }
}
