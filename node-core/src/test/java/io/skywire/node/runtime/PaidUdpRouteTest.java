package io.skywire.node.runtime;

import static io.skywire.node.runtime.TestTransfer.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.engine.Counter;
import io.skywire.node.payment.PrepaidPolicy;
import io.skywire.node.payment.Pricing;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A paid route over real UDP sockets on loopback: held at the hop's tolerance until the origin pays. */
@Timeout(60)
class PaidUdpRouteTest {

    private static final long PRICE = 5_000_000;
    private static final long TOLERANCE = 1_000;
    private static final int TOTAL = 2_000_000;

    @TempDir
    Path dir;

    @Test
    void theHopForwardsWithinItsAllowanceAndTheRestFollowsThePayment() throws Exception {
        try (RuntimeNodes nodes = new RuntimeNodes(dir)) {
            List<NodeRuntime> chain = nodes.udpChain(3, UdpFaults.NONE, NodeConfig.DEFAULT_UDP_RATE);
            PrepaidPolicy policy = new PrepaidPolicy(PRICE, TOLERANCE);
            chain.get(1).usePaymentPolicy(policy);
            CompletableFuture<RouteSession> incoming = new CompletableFuture<>();
            chain.get(2).onIncomingRoute(incoming::complete);
            RouteSession origin = await(chain.get(0).openRoute(List.of(chain.get(1).nodeId(), chain.get(2).nodeId()),
                    RouteOptions.bulk().withPrices(List.of(PRICE))));
            RouteSession destination = await(incoming);
            AtomicLong received = new AtomicLong();
            CompletableFuture<Long> all = new CompletableFuture<>();
            destination.onReceive(bytes -> {
                if (received.addAndGet(bytes.length) >= TOTAL) {
                    all.complete(received.get());
                }
            });
            CompletableFuture<Void> taken = origin.send(new byte[TOTAL]);
            while (chain.get(1).counters().engine(Counter.PAYMENT_STALLS) == 0 && !origin.ended().isDone()
                    && !all.isDone()) {
                Thread.sleep(20);
            }
            assertThat(origin.ended()).isNotDone();
            assertThat(chain.get(1).counters().engine(Counter.PAYMENT_STALLS)).isEqualTo(1);
            assertThat(received.get()).isLessThanOrEqualTo(Pricing.covered(TOLERANCE, PRICE));
            assertThat(all).isNotDone();

            assertThat(await(origin.chargeableBytes())).isPositive().isLessThan(TOTAL);
            long owed = Pricing.owed(TOTAL * 11L / 10, PRICE);
            assertThat(await(origin.sendPayment(0, PrepaidPolicy.paying(owed)))).isTrue();
            assertThat(await(origin.sendPayment(1, PrepaidPolicy.paying(owed)))).as("no second paid hop").isFalse();
            assertThat(await(origin.paymentSalt(0))).hasSize(16);
            await(taken);
            assertThat(await(all)).isEqualTo(TOTAL);
            assertThat(policy.payments).containsExactly(owed);
            assertThat(chain.get(1).counters().engine(Counter.PAYMENT_RESUMED)).isEqualTo(1);
        }
    }
}
