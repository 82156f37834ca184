package io.skywire.node.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * MEMBER_LOST in the deterministic simulator: the same download, same seed, with and without notices, when the
 * gateway's side of a dead route learns late. Times are simulated, so comparing them is deterministic.
 */
class TunnelGroupScenarioTest {

    @Test
    void noticesLetTheGatewayResendAtOnceInsteadOfWaitingForItsOwnHops() {
        TunnelGroupScenario.Result result = (TunnelGroupScenario.Result) new TunnelGroupScenario().run(Map.of());
        assertThat(result.intactWithout()).isTrue();
        assertThat(result.intactWith()).isTrue();
        assertThat(result.noticesSent()).isEqualTo(1);
        assertThat(result.noticesReceived()).isEqualTo(1);
        assertThat(result.chunksResentWith()).isPositive();
        // Without notices the gateway waits out the far relay's 3 s link-dead time before resending.
        assertThat(result.millisWithout() - result.millisWith()).isGreaterThan(1_000);
        assertThat(result.toJson()).isEqualTo(new TunnelGroupScenario().run(Map.of()).toJson());
    }
}
