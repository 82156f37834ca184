package io.skywire.node.runtime;

import static io.skywire.node.runtime.TestTransfer.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.node.engine.Counter;
import io.skywire.node.engine.FailureReason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class RouteFailureTest {

    @TempDir
    Path dir;

    @Test
    void originLearnsWithAReasonThatTheMiddleNodeDied() throws Exception {
        try (RuntimeNodes nodes = new RuntimeNodes(dir)) {
            List<NodeRuntime> chain = nodes.udpChain(3, UdpFaults.NONE, NodeConfig.DEFAULT_UDP_RATE);
            NodeRuntime origin = chain.get(0);
            NodeRuntime middle = chain.get(1);
            NodeRuntime destination = chain.get(2);
            RouteSession route = await(origin.openRoute(List.of(middle.nodeId(), destination.nodeId())));

            middle.abort();
            // Traffic the dead hop never acknowledges is what reveals it.
            route.send(new byte[4 << 20]);

            assertThat(await(route.ended(), Duration.ofSeconds(20))).isEqualTo(FailureReason.NEXT_HOP_UNREACHABLE);
            // Nobody told it: the origin found the link dead itself.
            assertThat(origin.counters().engine(Counter.LINKS_DEAD)).isEqualTo(1);
            assertThatThrownBy(() -> await(origin.openRoute(List.of(middle.nodeId(), destination.nodeId()))))
                    .isInstanceOfSatisfying(RouteFailedException.class,
                            e -> assertThat(e.reason()).isEqualTo(FailureReason.NEXT_HOP_UNREACHABLE));
        }
    }
}
