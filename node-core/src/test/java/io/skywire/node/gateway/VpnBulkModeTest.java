package io.skywire.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.QosClass;
import io.skywire.node.identity.NodeId;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.runtime.RouteOptions;
import io.skywire.node.runtime.RouteSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The VPN's bulk-lane mode option travels from {@link VpnClient.Settings} to the route's {@link RouteOptions#mode()}. */
class VpnBulkModeTest {

    private static VpnClient.Settings settings(ForwardingMode mode) {
        return new VpnClient.Settings("swvpn0", VpnClient.ALL_IPV4, List.of(), true, null, mode);
    }

    @Test
    void theBulkLaneIsStoreAndForwardUnlessAsked() {
        assertThat(new VpnClient.Settings("swvpn0", VpnClient.ALL_IPV4, List.of(), true, null).bulkMode())
                .isEqualTo(ForwardingMode.STORE_AND_FORWARD);
        RecordingOpener opener = new RecordingOpener();
        assertThat(VpnClient.bulkOpener(opener, settings(ForwardingMode.STORE_AND_FORWARD))).isSameAs(opener);
    }

    @Test
    void aCutThroughSettingOpensTheBulkLaneCutThrough() {
        RecordingOpener opener = new RecordingOpener();

        VpnClient.bulkOpener(opener, settings(ForwardingMode.CUT_THROUGH)).open(null, List.of());

        assertThat(opener.modes).containsExactly(ForwardingMode.CUT_THROUGH);
    }

    @Test
    void theUnpaidOpenersOptionsCarryTheMode() {
        RouteOptions cutThrough = RouteOpener.unpaidOptions(ForwardingMode.CUT_THROUGH);
        assertThat(cutThrough.mode()).isEqualTo(ForwardingMode.CUT_THROUGH);
        assertThat(cutThrough.qos()).isEqualTo(QosClass.BULK);
        assertThat(cutThrough.bufferBytes()).isEqualTo(RouteOptions.bulk().bufferBytes());
        assertThat(RouteOpener.unpaidOptions(ForwardingMode.STORE_AND_FORWARD)).isEqualTo(RouteOptions.bulk());
    }

    @Test
    void anOpenerThatKnowsOnlyStoreAndForwardRefusesCutThroughReadably() {
        RouteOpener plain = (node, path) -> CompletableFuture.failedFuture(new AssertionError("not called"));

        CompletableFuture<RouteSession> opened = plain.inMode(ForwardingMode.CUT_THROUGH).open(null, List.of());

        assertThat(opened).failsWithin(java.time.Duration.ZERO).withThrowableOfType(
                java.util.concurrent.ExecutionException.class).havingCause()
                .isInstanceOf(UnsupportedOperationException.class)
                .withMessage("this route opener opens only store-and-forward routes, not CUT_THROUGH");
    }

    @Test
    void theRealtimeLaneAsksItsOpenerForSmallRealtimeStoreAndForwardRoutes() {
        RouteOptions realtime = VpnClient.realtimeOptions();
        assertThat(realtime.qos()).isEqualTo(QosClass.REAL_TIME);
        assertThat(realtime.mode()).isEqualTo(ForwardingMode.STORE_AND_FORWARD);
        assertThat(realtime.bufferBytes()).isLessThan(RouteOptions.bulk().bufferBytes());
        assertThat(realtime.prices()).as("prices are the opener's to add").isEmpty();
    }

    @Test
    void anOpenerThatKnowsOnlyBulkRoutesRefusesTheRealtimeLaneReadably() {
        RecordingOpener opener = new RecordingOpener();

        CompletableFuture<RouteSession> opened = opener.open(null, List.of(), VpnClient.realtimeOptions());

        assertThat(opener.modes).isEmpty();
        assertThat(opened).failsWithin(java.time.Duration.ZERO).withThrowableOfType(
                java.util.concurrent.ExecutionException.class).havingCause()
                .isInstanceOf(UnsupportedOperationException.class)
                .withMessageContaining("only bulk routes").withMessageContaining("REAL_TIME");
    }

    @Test
    void bulkOptionsReachAnOpenerThatKnowsOnlyModes() {
        RecordingOpener opener = new RecordingOpener();

        opener.open(null, List.of(), RouteOpener.unpaidOptions(ForwardingMode.CUT_THROUGH));

        assertThat(opener.modes).containsExactly(ForwardingMode.CUT_THROUGH);
    }

    /** Records the mode of every route it is asked for. */
    private static final class RecordingOpener implements RouteOpener {

        final List<ForwardingMode> modes = new ArrayList<>();

        @Override
        public CompletableFuture<RouteSession> open(NodeRuntime node, List<NodeId> path) {
            return open(node, path, ForwardingMode.STORE_AND_FORWARD);
        }

        @Override
        public CompletableFuture<RouteSession> open(NodeRuntime node, List<NodeId> path, ForwardingMode mode) {
            modes.add(mode);
            return CompletableFuture.failedFuture(new CompletionException(new IllegalStateException("recorded")));
        }
    }
}
