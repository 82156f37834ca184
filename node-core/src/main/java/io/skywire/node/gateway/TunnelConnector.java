package io.skywire.node.gateway;

import io.netty.channel.Channel;
import io.skywire.node.stream.ResetReason;
import io.skywire.node.stream.StreamTarget;

/** What the local proxies' handshake handlers hand an accepted request to: something that connects it onward. */
interface TunnelConnector {

    /** What a proxy handshake does when the far side answers. */
    interface OpenListener {
        /** Connected: write the success reply (the relay is installed right after). */
        void opened(Channel channel);

        /** Refused or failed: write the failure reply and close. */
        void refused(Channel channel, ResetReason reason);
    }

    /**
     * Connects {@code channel} (running on the proxy's loop, auto-read off) to {@code target}; on success the
     * handshake handlers named are replaced by a relay.
     */
    void connect(Channel channel, StreamTarget target, OpenListener listener, String... handshakeHandlers);
}
