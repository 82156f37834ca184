package io.skywire.node.link;

import io.skywire.node.identity.NodeId;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.util.AttributeKey;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Builds the pipeline of one encrypted stream link. Before the handshake, head to tail:
 * {@value #FRAME_DECODER}, {@value #FRAME_ENCODER}, {@value #HANDSHAKE}, {@value #FAILURE}. When the
 * handshake succeeds it is replaced, giving the steady state: {@value #FRAME_DECODER},
 * {@value #FRAME_ENCODER}, {@value #DECRYPT}, {@value #REKEY}, {@value #ENCRYPT}, {@value #APPLICATION},
 * {@value #FAILURE}.
 */
public final class LinkChannelInitializer extends ChannelInitializer<Channel> {

    /** Splits the stream at 2-byte length prefixes, refusing oversized lengths. */
    public static final String FRAME_DECODER = "frame-decoder";
    /** Prepends the 2-byte length to each outgoing frame. */
    public static final String FRAME_ENCODER = "frame-encoder";
    /** Runs the three acts, then installs the steady-state handlers. */
    public static final String HANDSHAKE = "handshake";
    /** Opens frames and answers rekey offers. */
    public static final String DECRYPT = "decrypt";
    /** Rotates keys on a timer. */
    public static final String REKEY = "rekey";
    /** Seals outgoing payloads. */
    public static final String ENCRYPT = "encrypt";
    /** The caller's handler, reading and writing plaintext ByteBufs. */
    public static final String APPLICATION = "application";
    /** Logs, counts and closes on breaches; logs routine I/O errors. */
    public static final String FAILURE = "failure";

    /**
     * Set on the channel when the link is established: reads the link's transport counters. Call it on the
     * channel's event loop, like everything else that touches the link's state.
     */
    public static final AttributeKey<Supplier<LinkCounters>> COUNTERS = AttributeKey.valueOf("skywire.link.counters");

    private final byte[] localSecret;
    private final NodeId remote;
    private final LinkSettings settings;
    private final Supplier<? extends ChannelHandler> application;
    private final LinkMetrics metrics;

    private LinkChannelInitializer(byte[] localSecret, NodeId remote, LinkSettings settings,
                                   Supplier<? extends ChannelHandler> application, LinkMetrics metrics) {
        this.localSecret = localSecret.clone();
        this.remote = remote;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.application = Objects.requireNonNull(application, "application");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** For outgoing connections to a neighbour whose static key is known. */
    public static LinkChannelInitializer initiator(byte[] localSecret, NodeId remote, LinkSettings settings,
                                                   Supplier<? extends ChannelHandler> application,
                                                   LinkMetrics metrics) {
        return new LinkChannelInitializer(localSecret, Objects.requireNonNull(remote, "remote"), settings,
                application, metrics);
    }

    /** For accepted connections; the neighbour's key is learnt and authenticated in act three. */
    public static LinkChannelInitializer responder(byte[] localSecret, LinkSettings settings,
                                                   Supplier<? extends ChannelHandler> application,
                                                   LinkMetrics metrics) {
        return new LinkChannelInitializer(localSecret, null, settings, application, metrics);
    }

    @Override
    protected void initChannel(Channel channel) {
        HandshakeHandler handshake = remote != null
                ? HandshakeHandler.initiator(localSecret, remote, settings, application, metrics)
                : HandshakeHandler.responder(localSecret, settings, application, metrics);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(FRAME_DECODER, new LinkFrameDecoder(settings.maxFrameLength()));
        pipeline.addLast(FRAME_ENCODER, new LengthFieldPrepender(LinkFrameDecoder.LENGTH_BYTES));
        pipeline.addLast(HANDSHAKE, handshake);
        pipeline.addLast(FAILURE, new LinkFailureHandler(metrics));
    }
}
