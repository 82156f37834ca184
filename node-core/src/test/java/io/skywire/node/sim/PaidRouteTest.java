package io.skywire.node.sim;

import static io.skywire.node.sim.SimTestSupport.MS;
import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.engine.Counter;
import io.skywire.node.engine.EngineConfig;
import io.skywire.node.engine.FailureReason;
import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.NodeEvent;
import io.skywire.node.engine.QosClass;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.RouteSpec;
import io.skywire.node.payment.PrepaidPolicy;
import io.skywire.node.payment.Pricing;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Paid routes in the engine with a stand-in policy (a payment message is the 8-byte total paid): a hop refuses a
 * price below its own, forwards only what its allowance covers and then holds the route without dropping
 * anything, and resumes when the payment sealed to it (not to another hop) arrives.
 */
class PaidRouteTest {

    private static final long PRICE = 2_000_000;
    private static final long TOLERANCE = 200;

    private static byte[] paying(long droplets) {
        return PrepaidPolicy.paying(droplets);
    }

    @Test
    void aPriceBelowTheHopsIsRefusedAtSetup() {
        Simulator simulator = new Simulator(3);
        List<SimNode> chain = SimTestSupport.chain(simulator, 3, EngineConfig.defaults(),
                LinkProfile.of(10_000_000L, 2 * MS, 0));
        chain.get(1).engine().usePaymentPolicy(new PrepaidPolicy(PRICE, TOLERANCE));
        List<NodeEvent> events = new ArrayList<>();
        chain.get(0).onEvent(events::add);
        chain.get(0).openRoute(new RouteSpec(SimTestSupport.pathFrom(chain, 0), QosClass.BULK,
                ForwardingMode.STORE_AND_FORWARD, 64 * 1024, List.of(PRICE - 1)));
        chain.get(0).openRoute(new RouteSpec(SimTestSupport.pathFrom(chain, 0), QosClass.BULK,
                ForwardingMode.STORE_AND_FORWARD, 64 * 1024));
        simulator.runUntil(1_000 * MS, () -> false);
        assertThat(events).filteredOn(NodeEvent.RouteFailed.class::isInstance)
                .extracting(event -> ((NodeEvent.RouteFailed) event).reason())
                .containsExactly(FailureReason.REFUSED, FailureReason.REFUSED);
        assertThat(chain.get(1).engine().counters().get(Counter.SETUP_PRICE_REFUSED)).isEqualTo(2);
        assertThat(chain.get(1).engine().routeCount()).isZero();
    }

    @Test
    void eachHopStopsAtItsAllowanceAndResumesOnItsOwnPayment() {
        Simulator simulator = new Simulator(5);
        List<SimNode> chain = SimTestSupport.chain(simulator, 4, EngineConfig.defaults(),
                LinkProfile.of(20_000_000L, 2 * MS, 0.01));
        PrepaidPolicy first = new PrepaidPolicy(PRICE, TOLERANCE);
        PrepaidPolicy second = new PrepaidPolicy(PRICE, TOLERANCE);
        chain.get(1).engine().usePaymentPolicy(first);
        chain.get(2).engine().usePaymentPolicy(second);
        RouteHandle route = chain.get(0).openRoute(new RouteSpec(SimTestSupport.pathFrom(chain, 0), QosClass.BULK,
                ForwardingMode.STORE_AND_FORWARD, 64 * 1024, List.of(PRICE, PRICE + 1)));
        long total = 2_000_000;
        StreamTransfer transfer = new StreamTransfer(simulator, chain.get(0), chain.get(3), total, 5);
        transfer.start(route);
        simulator.runUntil(3_000 * MS, transfer::complete);

        // Unpaid: the first hop forwards what the tolerance covers, and the route holds there.
        long tolerated = Pricing.covered(TOLERANCE, PRICE);
        assertThat(transfer.complete()).isFalse();
        assertThat(transfer.delivered).isLessThanOrEqualTo(tolerated).isPositive();
        assertThat(chain.get(1).engine().counters().get(Counter.PAYMENT_STALLS)).isEqualTo(1);
        assertThat(transfer.written).isLessThan(total);

        // Paying only the second hop moves nothing: the first still waits.
        long delivered = transfer.delivered;
        assertThat(chain.get(0).sendPayment(route, 1, paying(Pricing.owed(total * 2, PRICE + 1)))).isTrue();
        simulator.runUntil(simulator.now() + 1_000 * MS, transfer::complete);
        assertThat(second.payments).hasSize(1);
        assertThat(first.payments).isEmpty();
        assertThat(transfer.delivered).isEqualTo(delivered);

        // Paying the first hop enough for everything lets the rest through, nothing lost or reordered.
        assertThat(chain.get(0).sendPayment(route, 0, paying(Pricing.owed(total * 2, PRICE)))).isTrue();
        simulator.runUntil(simulator.now() + 10_000 * MS, transfer::complete);
        assertThat(transfer.complete()).isTrue();
        assertThat(transfer.intact).isTrue();
        assertThat(chain.get(1).engine().counters().get(Counter.PAYMENT_RESUMED)).isEqualTo(1);
        assertThat(chain.get(1).engine().counters().get(Counter.PAYMENTS_RECEIVED)).isEqualTo(1);
        assertThat(chain.get(2).engine().counters().get(Counter.PAYMENTS_RECEIVED)).isEqualTo(1);
        assertThat(chain.get(3).engine().counters().get(Counter.PAYMENT_UNOPENED)).isZero();
        // A hop only counts in its allowance: the second hop was never held up.
        assertThat(chain.get(2).engine().counters().get(Counter.PAYMENT_STALLS)).isZero();
        // The origin's count of what it sent covers what the hops forward.
        assertThat(chain.get(0).engine().chargeableBytes(route)).isGreaterThanOrEqualTo(total);
        assertThat(chain.get(0).engine().paymentSalt(route, 0)).hasSize(16).isNotEqualTo(
                chain.get(0).engine().paymentSalt(route, 1));
        assertThat(chain.get(0).engine().paymentSalt(route, 2)).isNull();
    }
}
