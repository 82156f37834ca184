package io.skywire.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.identity.NodeId;
import io.skywire.node.runtime.NodeRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hooks the app's paid test network uses: each relay is handed to the customizer as it starts and its price goes
 * into every gateway candidate, the proxy opens its routes through the customizer's opener, and a relay's metering
 * reports the bytes it forwards.
 */
class TestNetworkCustomizerTest {

    @TempDir
    Path dir;

    @Test
    void relaysArePricedTheProxyOpensThroughTheOpenerAndForwardedBytesAreMetered() throws Exception {
        List<String> started = new CopyOnWriteArrayList<>();
        List<List<NodeId>> opened = new CopyOnWriteArrayList<>();
        AtomicLong forwarded = new AtomicLong();
        LocalTestNetwork.Customizer customizer = new LocalTestNetwork.Customizer() {
            @Override
            public long relayStarted(String name, NodeRuntime relay) {
                if (started.isEmpty()) {
                    relay.onMetering(report -> forwarded.accumulateAndGet(report.bytesForwarded(), Math::max));
                }
                started.add(name);
                return 1_000L * started.size();
            }

            @Override
            public RouteOpener routeOpener() {
                return (node, path) -> {
                    opened.add(path);
                    return RouteOpener.UNPAID.open(node, path);
                };
            }
        };
        try (LocalTestNetwork network = LocalTestNetwork.start(dir, 6, 1, ProxySettings.loopback(0, -1), 0, 3,
                customizer)) {
            assertThat(started).hasSize(4);
            GatewayCandidate gateway = network.gateways().get(0);
            // Two chains of two relays, started from the gateway's end: 1,000 + 2,000 and 3,000 + 4,000 per GB;
            // the candidate's transit price is the dearer path's.
            assertThat(gateway.transitPricePerGbDroplets()).isEqualTo(3_000 + 4_000);
            assertThat(opened).isNotEmpty().allMatch(gateway.paths()::contains);
            assertThat(opened).containsAll(gateway.paths());
            // The proxy's probes cross every relay; the relay reports them at its next housekeeping.
            long deadline = System.currentTimeMillis() + 30_000;
            while (forwarded.get() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(forwarded.get()).isPositive();
        }
    }
}
