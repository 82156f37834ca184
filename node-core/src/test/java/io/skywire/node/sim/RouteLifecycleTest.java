package io.skywire.node.sim;

import static io.skywire.node.sim.SimTestSupport.MS;
import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.engine.EngineConfig;
import io.skywire.node.engine.FailureReason;
import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.NodeEvent;
import io.skywire.node.engine.QosClass;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.RouteSpec;
import io.skywire.node.engine.RouteView;
import io.skywire.node.engine.SendResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteLifecycleTest {

    @Test
    void routeIsConfirmedAndCarriesSealedPayloadsBothWays() {
        Simulator simulator = new Simulator(3);
        List<SimNode> chain = SimTestSupport.chain(simulator, 4, EngineConfig.defaults(),
                LinkProfile.of(10_000_000L, 5 * MS, 0));
        List<NodeEvent> originEvents = new ArrayList<>();
        List<NodeEvent> destinationEvents = new ArrayList<>();
        chain.get(0).onEvent(originEvents::add);
        chain.get(3).onEvent(destinationEvents::add);
        RouteHandle route = chain.get(0).openRoute(new RouteSpec(SimTestSupport.pathFrom(chain, 0), QosClass.BULK,
                ForwardingMode.STORE_AND_FORWARD, 64 * 1024));
        simulator.runUntil(500 * MS, () -> !originEvents.isEmpty());
        assertThat(originEvents).containsExactly(new NodeEvent.RouteEstablished(route));
        assertThat(chain.get(0).send(route, "hello".getBytes())).isEqualTo(SendResult.ACCEPTED);
        simulator.runUntil(simulator.now() + 500 * MS, () -> destinationEvents.size() >= 2);
        assertThat(destinationEvents.get(0)).isInstanceOf(NodeEvent.RouteIncoming.class);
        RouteHandle incoming = ((NodeEvent.RouteIncoming) destinationEvents.get(0)).route();
        assertThat(((NodeEvent.Delivered) destinationEvents.get(1)).payload()).isEqualTo("hello".getBytes());
        assertThat(chain.get(3).send(incoming, "back".getBytes())).isEqualTo(SendResult.ACCEPTED);
        simulator.runUntil(simulator.now() + 500 * MS, () -> originEvents.size() >= 2);
        assertThat(((NodeEvent.Delivered) originEvents.get(1)).payload()).isEqualTo("back".getBytes());

        // What a route map reads: each node's entry names only its neighbours, and a transit entry counts what it
        // forwarded for the others.
        simulator.runUntil(simulator.now() + 1_000 * MS, () -> false);
        RouteView origin = chain.get(0).engine().routeViews().get(0);
        assertThat(origin.role()).isEqualTo(RouteView.Role.ORIGIN);
        assertThat(origin.handle()).isEqualTo(route);
        assertThat(origin.previousHopKey()).isNull();
        assertThat(origin.nextHopKey()).isEqualTo(chain.get(1).engine().publicKey());
        assertThat(origin.bytesSent()).isPositive();
        assertThat(origin.bytesReceived()).isPositive();
        RouteView transit = chain.get(1).engine().routeViews().get(0);
        assertThat(transit.role()).isEqualTo(RouteView.Role.TRANSIT);
        assertThat(transit.previousHopKey()).isEqualTo(chain.get(0).engine().publicKey());
        assertThat(transit.nextHopKey()).isEqualTo(chain.get(2).engine().publicKey());
        assertThat(transit.bytesForwarded()).isPositive();
        RouteView destination = chain.get(3).engine().routeViews().get(0);
        assertThat(destination.role()).isEqualTo(RouteView.Role.DESTINATION);
        assertThat(destination.nextHopKey()).isNull();
    }

    /** Keep-alive every second or never, expiry after three silent seconds, housekeeping twice a second. */
    private static EngineConfig timers(boolean keepalive) {
        return EngineConfig.defaults().withRouteTimers(keepalive ? 1_000 * MS : 3_600_000 * MS, 3_000 * MS, 500 * MS);
    }

    private static List<SimNode> idleRoute(Simulator simulator, EngineConfig config, List<NodeEvent> originEvents,
                                           List<NodeEvent> destinationEvents) {
        List<SimNode> chain = SimTestSupport.chain(simulator, 4, config, LinkProfile.of(10_000_000L, 5 * MS, 0.05));
        chain.get(0).onEvent(originEvents::add);
        chain.get(3).onEvent(destinationEvents::add);
        chain.get(0).openRoute(new RouteSpec(SimTestSupport.pathFrom(chain, 0), QosClass.BULK,
                ForwardingMode.STORE_AND_FORWARD, 64 * 1024));
        simulator.runUntil(1_000 * MS, () -> false);
        assertThat(originEvents).singleElement().isInstanceOf(NodeEvent.RouteEstablished.class);
        for (SimNode node : chain) {
            assertThat(node.engine().routeCount()).isEqualTo(1);
        }
        return chain;
    }

    @Test
    void routeWithoutKeepaliveExpiresAtEveryHop() {
        Simulator simulator = new Simulator(4);
        List<NodeEvent> originEvents = new ArrayList<>();
        List<NodeEvent> destinationEvents = new ArrayList<>();
        List<SimNode> chain = idleRoute(simulator, timers(false), originEvents, destinationEvents);
        RouteHandle route = ((NodeEvent.RouteEstablished) originEvents.get(0)).route();

        simulator.runUntil(10_000 * MS, () -> false);
        for (SimNode node : chain) {
            assertThat(node.engine().routeCount()).as("node %d", node.index()).isZero();
            assertThat(node.engine().reservedBufferBytes()).isZero();
        }
        assertThat(originEvents).contains(new NodeEvent.RouteClosed(route, FailureReason.EXPIRED));
        assertThat(destinationEvents).anyMatch(e -> e instanceof NodeEvent.RouteClosed closed
                && closed.reason() == FailureReason.EXPIRED);
        assertThat(chain.get(0).send(route, new byte[16])).isEqualTo(SendResult.CLOSED);
    }

    @Test
    void routeWithKeepaliveStaysAtEveryHopAndStillCarriesPayloads() {
        Simulator simulator = new Simulator(4);
        List<NodeEvent> originEvents = new ArrayList<>();
        List<NodeEvent> destinationEvents = new ArrayList<>();
        List<SimNode> chain = idleRoute(simulator, timers(true), originEvents, destinationEvents);
        RouteHandle route = ((NodeEvent.RouteEstablished) originEvents.get(0)).route();

        // Twenty idle seconds: over six expiry periods, carried only by keep-alives over 5% loss.
        simulator.runUntil(21_000 * MS, () -> false);
        for (SimNode node : chain) {
            assertThat(node.engine().routeCount()).as("node %d", node.index()).isEqualTo(1);
        }
        assertThat(originEvents).noneMatch(e -> e instanceof NodeEvent.RouteClosed
                || e instanceof NodeEvent.RouteFailed);
        assertThat(chain.get(0).send(route, "still here".getBytes())).isEqualTo(SendResult.ACCEPTED);
        simulator.runUntil(simulator.now() + 1_000 * MS,
                () -> destinationEvents.stream().anyMatch(e -> e instanceof NodeEvent.Delivered));
        assertThat(destinationEvents).anyMatch(e -> e instanceof NodeEvent.Delivered delivered
                && new String(delivered.payload()).equals("still here"));
    }
}
