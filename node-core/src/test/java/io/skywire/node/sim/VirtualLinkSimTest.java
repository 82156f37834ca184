package io.skywire.node.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.engine.Counter;
import io.skywire.node.engine.EngineConfig;
import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.NodeEvent;
import io.skywire.node.engine.QosClass;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.RouteSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One large route inside a virtual link whose carrier crosses lossy links: the carrier's recovery is all it needs. */
class VirtualLinkSimTest {

    @Test
    void aRouteInsideAVirtualLinkOverLossyLinksDeliversEveryByteWithoutResendingInside() {
        Simulator simulator = new Simulator(3);
        List<SimNode> chain = Chains.chain(simulator, 3, EngineConfig.defaults(),
                LinkProfile.of(100_000_000L, 100_000L, 0.15));
        SimNode a = chain.get(0);
        SimNode c = chain.get(2);
        c.onEvent(event -> {
            if (event instanceof NodeEvent.RouteIncoming incoming) {
                c.addVirtualLink(incoming.route(), a.publicKey());
            }
        });
        RouteHandle carrier = a.openRoute(new RouteSpec(Chains.pathFrom(chain, 0), QosClass.BULK,
                ForwardingMode.STORE_AND_FORWARD, 1 << 20));
        StreamTransfer transfer = new StreamTransfer(simulator, a, c, 4_000_000, 1);
        a.onEvent(event -> {
            if (event instanceof NodeEvent.RouteEstablished established && established.route().equals(carrier)) {
                a.addVirtualLink(carrier, c.publicKey());
                transfer.start(a.openRoute(new RouteSpec(List.of(c.publicKey()), QosClass.BULK,
                        ForwardingMode.STORE_AND_FORWARD, 1 << 20)));
            }
        });
        simulator.runUntil(30_000_000_000L, transfer::complete);
        assertThat(transfer.complete()).isTrue();
        assertThat(transfer.intact).isTrue();
        assertThat(transfer.delivered).isEqualTo(4_000_000);
        // 15% loss was recovered on the physical links; the inner route saw every byte once.
        assertThat(a.engine().counters().get(Counter.PACKETS_LOST)).isPositive();
        assertThat(c.engine().counters().get(Counter.DATA_DUPLICATE)).isZero();
    }
}
