package io.skywire.node.gateway;

import io.netty.channel.EventLoop;
import io.skywire.node.stream.ResetReason;
import io.skywire.node.stream.StreamEvent;
import io.skywire.node.stream.StreamMux;
import io.skywire.node.stream.StreamProtocolException;
import io.skywire.node.stream.StreamTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a {@link StreamMux} over one route or route group ({@link TunnelPipe}) on one event loop: bytes in become
 * endpoint calls, frames out go to the pipe, and every endpoint stops reading while the pipe has more than
 * {@link #HIGH_WATER_BYTES} unsent (the pipe, not the streams, is then the bottleneck). Every method must run on {@link #loop()}.
 */
final class RouteStreams {

    /** Incoming OPEN requests, for the side that accepts streams. */
    interface OpenHandler {
        void openRequested(RouteStreams streams, int streamId, StreamTarget target);
    }

    /** Who hears the answers to this end's probes. */
    interface PongListener {
        void pong(int probeId, int bodyLength);
    }

    static final long HIGH_WATER_BYTES = 1 << 20;
    static final long LOW_WATER_BYTES = 256 << 10;
    private static final Logger LOG = LoggerFactory.getLogger(RouteStreams.class);

    private final TunnelPipe pipe;
    private final StreamMux mux;
    private final EventLoop loop;
    private final OpenHandler openHandler;
    private final Map<Integer, StreamEndpoint> endpoints = new HashMap<>();
    private final Set<StreamEndpoint> waitingForRoute = new LinkedHashSet<>();
    private long unsentBytes;
    private volatile boolean ended;
    private PongListener pongListener;

    RouteStreams(TunnelPipe pipe, StreamMux mux, EventLoop loop, OpenHandler openHandler) {
        this.pipe = pipe;
        this.mux = mux;
        this.loop = loop;
        this.openHandler = openHandler;
    }

    /** Starts receiving; bytes and the route's end are moved from the node's loop to this one. */
    void start() {
        pipe.onReceive(bytes -> loop.execute(() -> receive(bytes)));
        pipe.ended().whenComplete((reason, error) -> loop.execute(this::routeEnded));
    }

    EventLoop loop() {
        return loop;
    }

    TunnelPipe pipe() {
        return pipe;
    }

    boolean isEnded() {
        return ended;
    }

    int open(StreamTarget target, StreamEndpoint endpoint) {
        if (ended) {
            throw new IllegalStateException("the route to the gateway has ended");
        }
        int id = mux.open(target);
        endpoints.put(id, endpoint);
        flush();
        return id;
    }

    /** Sends a probe; its answer goes to the {@link #onPong} listener. */
    int ping(byte[] body) {
        if (ended) {
            throw new IllegalStateException("the route has ended");
        }
        int id = mux.ping(body);
        flush();
        return id;
    }

    /** Who hears probe answers. */
    void onPong(PongListener listener) {
        this.pongListener = listener;
    }

    int streamCount() {
        return mux.streamCount();
    }

    void register(int streamId, StreamEndpoint endpoint) {
        endpoints.put(streamId, endpoint);
    }

    boolean exists(int streamId) {
        return mux.exists(streamId);
    }

    void accept(int streamId) {
        mux.accept(streamId);
        flush();
    }

    long sendWindow(int streamId) {
        return ended ? 0 : mux.sendWindow(streamId);
    }

    int send(int streamId, byte[] bytes, int offset, int length) {
        int taken = mux.send(streamId, bytes, offset, length);
        flush();
        return taken;
    }

    void finish(int streamId) {
        mux.finish(streamId);
        forgetIfGone(streamId);
        flush();
    }

    void reset(int streamId, ResetReason reason) {
        mux.reset(streamId, reason);
        endpoints.remove(streamId);
        waitingForRoute.removeIf(e -> !endpoints.containsValue(e));
        flush();
    }

    void consumed(int streamId, int count) {
        mux.consumed(streamId, count);
        flush();
    }

    /** Whether the route takes more bytes now; if not, {@code endpoint} hears onWritable when it does. */
    boolean routeWritable(StreamEndpoint endpoint) {
        if (!ended && unsentBytes < HIGH_WATER_BYTES) {
            return true;
        }
        if (!ended) {
            waitingForRoute.add(endpoint);
        }
        return false;
    }

    /** Resets every stream and closes the route. */
    void close() {
        pipe.close();
        routeEnded();
    }

    private void flush() {
        if (!mux.hasOutput() || ended) {
            return;
        }
        byte[] bytes = mux.takeOutput();
        unsentBytes += bytes.length;
        pipe.send(bytes).whenComplete((ok, error) -> loop.execute(() -> sent(bytes.length)));
    }

    private void sent(int length) {
        unsentBytes -= length;
        if (unsentBytes < LOW_WATER_BYTES && !waitingForRoute.isEmpty()) {
            List<StreamEndpoint> waiting = new ArrayList<>(waitingForRoute);
            waitingForRoute.clear();
            waiting.forEach(StreamEndpoint::onWritable);
        }
    }

    private void receive(byte[] bytes) {
        if (ended) {
            return;
        }
        List<StreamEvent> events;
        try {
            events = mux.receive(bytes);
        } catch (StreamProtocolException e) {
            LOG.warn("closing {}: stream protocol breach: {}", pipe.label(), e.getMessage());
            close();
            return;
        }
        for (StreamEvent event : events) {
            dispatch(event);
        }
        flush();
    }

    private void dispatch(StreamEvent event) {
        int id = event.streamId();
        if (event instanceof StreamEvent.Pong pong) {
            if (pongListener != null) {
                pongListener.pong(id, pong.body().length);
            }
            return;
        }
        if (event instanceof StreamEvent.OpenRequested open) {
            if (openHandler == null) {
                mux.reset(id, ResetReason.NOT_ALLOWED);
            } else {
                openHandler.openRequested(this, id, open.target());
            }
            return;
        }
        StreamEndpoint endpoint = endpoints.get(id);
        if (endpoint == null) {
            return;
        }
        if (event instanceof StreamEvent.Opened) {
            endpoint.onOpened();
        } else if (event instanceof StreamEvent.Data data) {
            endpoint.onData(data.bytes());
        } else if (event instanceof StreamEvent.Fin) {
            forgetIfGone(id);
            endpoint.onFin();
        } else if (event instanceof StreamEvent.Reset reset) {
            endpoints.remove(id);
            endpoint.onReset(reset.reason());
        } else if (event instanceof StreamEvent.Writable) {
            endpoint.onWritable();
        }
    }

    private void forgetIfGone(int streamId) {
        if (!mux.exists(streamId)) {
            endpoints.remove(streamId);
        }
    }

    private void routeEnded() {
        if (ended) {
            return;
        }
        ended = true;
        List<StreamEndpoint> all = new ArrayList<>(endpoints.values());
        endpoints.clear();
        waitingForRoute.clear();
        all.forEach(endpoint -> endpoint.onReset(ResetReason.ROUTE_LOST));
    }
}
