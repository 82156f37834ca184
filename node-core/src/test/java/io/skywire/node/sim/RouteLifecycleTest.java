package io.skywire.node.sim;

import static io.skywire.node.sim.SimTestSupport.MS;
import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.engine.EngineConfig;
import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.NodeEvent;
import io.skywire.node.engine.QosClass;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.RouteSpec;
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
    }
}
