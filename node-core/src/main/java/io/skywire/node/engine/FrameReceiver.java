package io.skywire.node.engine;

/**
 * Acts on the frames of one received, already validated datagram: acknowledgements go to the link, route
 * frames to the leg their (link, route id) addresses. Payloads are read in place from the datagram and
 * copied only when they must be kept (forwarded or held for reordering).
 */
final class FrameReceiver implements DatagramCodec.FrameVisitor {

    private final EngineState state;
    private final DataPlane data;
    private final RouteControl control;
    private final PaymentPlane payments;
    private long now;
    private LinkState link;

    FrameReceiver(EngineState state, DataPlane data, RouteControl control, PaymentPlane payments) {
        this.state = state;
        this.data = data;
        this.control = control;
        this.payments = payments;
    }

    /** Hands every frame of a datagram that {@link DatagramCodec#walk} has accepted to its handler. */
    void receive(long at, LinkState from, byte[] buffer, int length) {
        this.now = at;
        this.link = from;
        try {
            DatagramCodec.walk(buffer, length, this);
        } catch (DecodeException e) {
            throw new IllegalStateException("a validated datagram failed to decode", e);
        } finally {
            this.link = null;
        }
    }

    @Override
    public void ack(long largest, long ackDelayMicros, byte[] buf, int bitmapAt, int bitmapLength) {
        link.onAck(now, largest, ackDelayMicros, buf, bitmapAt, bitmapLength);
    }

    @Override
    public void data(long routeHi, long routeLo, long offset, byte[] buf, int payloadAt, int length) {
        link.ackEliciting();
        state.counters.increment(Counter.DATA_FRAMES_RECEIVED);
        RouteLeg leg = leg(routeHi, routeLo);
        if (leg != null) {
            data.onData(now, leg, offset, buf, payloadAt, length);
        }
    }

    @Override
    public void credit(long routeHi, long routeLo, long limit) {
        link.ackEliciting();
        RouteLeg leg = leg(routeHi, routeLo);
        if (leg != null) {
            data.onCredit(now, leg, limit);
        }
    }

    @Override
    public void other(Frame frame) {
        link.ackEliciting();
        if (frame instanceof Frame.Setup setup) {
            control.onSetup(now, link, setup);
            return;
        }
        RouteId id = routeOf(frame);
        RouteLeg leg = leg(id.hi(), id.lo());
        if (leg == null) {
            return;
        }
        if (frame instanceof Frame.Confirm confirm) {
            control.onConfirm(now, leg, confirm);
        } else if (frame instanceof Frame.Error error) {
            control.onError(now, leg, error);
        } else if (frame instanceof Frame.Teardown teardown) {
            control.onTeardown(now, leg, teardown);
        } else if (frame instanceof Frame.Payment payment) {
            payments.onPayment(now, leg, payment);
        } else if (frame instanceof Frame.Block block) {
            data.onBlock(now, leg, block);
        } else {
            control.onKeepalive(now, leg);
        }
    }

    /** The leg this link's (route id) addresses, or null, counted as an unknown route. */
    private RouteLeg leg(long hi, long lo) {
        state.counters.increment(Counter.ROUTE_LOOKUPS);
        RouteLeg leg = state.table.get(link.id.value(), hi, lo);
        if (leg == null) {
            state.counters.increment(Counter.FRAMES_UNKNOWN_ROUTE);
        }
        return leg;
    }

    private static RouteId routeOf(Frame frame) {
        if (frame instanceof Frame.Confirm confirm) {
            return confirm.route();
        }
        if (frame instanceof Frame.Error error) {
            return error.route();
        }
        if (frame instanceof Frame.Teardown teardown) {
            return teardown.route();
        }
        if (frame instanceof Frame.Payment payment) {
            return payment.route();
        }
        if (frame instanceof Frame.Block block) {
            return block.route();
        }
        return ((Frame.Keepalive) frame).route();
    }
}
