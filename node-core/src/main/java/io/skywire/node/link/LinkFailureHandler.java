package io.skywire.node.link;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last handler of every link: a protocol breach is logged at warn, counted and closes this link only;
 * routine I/O errors are logged at debug; anything else is a bug, logged with its stack trace.
 */
final class LinkFailureHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(LinkFailureHandler.class);

    private final LinkMetrics metrics;
    private boolean reported;

    LinkFailureHandler(LinkMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ByteToMessageDecoder wraps what decode() throws.
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (reported) {
            // Frames already decoded in the same read keep failing after the first breach; count the link once.
            LOG.debug("link {} already closing: {}", ctx.channel().remoteAddress(), root.toString());
            return;
        }
        reported = true;
        if (root instanceof LinkProtocolException breach) {
            metrics.recordBreach(breach.breach());
            LOG.warn("closing link {}: {}", ctx.channel().remoteAddress(), breach.getMessage());
        } else if (root instanceof IOException) {
            metrics.recordIoError();
            LOG.debug("link {} I/O error: {}", ctx.channel().remoteAddress(), root.toString());
        } else {
            LOG.warn("closing link {} after an unexpected error", ctx.channel().remoteAddress(), root);
        }
        ctx.close();
    }
}
