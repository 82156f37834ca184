package io.skywire.tests.payments;

import static io.skywire.tests.payments.PaidChain.MS;
import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.node.engine.Counter;
import io.skywire.node.payment.Pricing;
import io.skywire.wallet.escrow.Attestation;
import io.skywire.wallet.escrow.HopPaymentPolicy;
import io.skywire.wallet.escrow.Payout;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.payment.PromiseOutcome;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue #6 end to end: an origin sends a stream over a route of three paid hops with known prices; the hops' engines
 * forward within what the wallet's promise verifier accepted, each hop settles its latest promises at a real escrow
 * (H2 files, local chain) as the transfer runs, and each hop's earnings come out as its bytes times its price
 * while payouts fire at the 1 SKY threshold, each to a never-used address. 100 MB by default (about 10 s on two
 * busy cores, 20 s under a load of 11); {@code -Dskywire.paidMegabytes=N} changes the size, with prices scaled so
 * the earnings in SKY stay the same.
 */
class PaidRouteEndToEndTest {

    private static final Logger LOG = LoggerFactory.getLogger(PaidRouteEndToEndTest.class);
    private static final long BYTES = Long.getLong("skywire.paidMegabytes", 100) * 1_000_000L;
    /** Each hop earns about 3, 4 and 5 SKY for the transfer, whatever its size. */
    private static final long[] TARGET_SKY = {3, 4, 5};
    private static final Droplets INTERVAL = Droplets.of(50_000);
    private static final Droplets TOLERANCE = Droplets.of(200_000);
    private static final long SETTLEMENT_PERIOD = 10 * MS;
    /** More than a hop earns in one settlement period at 400 Mbit/s, so a payout exceeds 1 SKY by less than this. */
    private static final Droplets MOST_PER_PERIOD = Droplets.parse("0.3");

    @TempDir
    Path dir;

    @Test
    void eachHopEarnsItsBytesTimesItsPriceAndIsPaidOutAtTheThresholdToFreshAddresses() throws Exception {
        List<Long> prices = List.of(price(0), price(1), price(2));
        try (EscrowOnLocalChain escrow = new EscrowOnLocalChain(dir, Secp256k1Provider.get());
             PaidChain chain = new PaidChain(dir, escrow, prices, TOLERANCE)) {
            Attestation attestation = escrow.fund("origin", chain.pseudonymSecret, Droplets.ofSky(20));
            long started = System.nanoTime();
            chain.start(BYTES, attestation, INTERVAL, true);
            chain.settleEvery(SETTLEMENT_PERIOD);
            chain.run(600_000 * MS, () -> chain.completedAt >= 0);
            assertThat(chain.delivered).isEqualTo(BYTES);
            long sent = chain.origin().engine().chargeableBytes(chain.route);

            // Within one promise interval while the transfer runs: settled up to the latest promise.
            chain.settleAll();
            for (int h = 0; h < 3; h++) {
                long owed = Pricing.owed(sent, prices.get(h));
                assertThat(chain.earned(h).value()).as("hop %d before settling up", h)
                        .isBetween(owed - INTERVAL.value(), owed);
            }
            // The origin settles up; the route closes and every hop reports its final count.
            chain.send(chain.payer.settleUp(sent));
            chain.run(500 * MS, () -> false);
            chain.settleAll();
            chain.origin().closeRoute(chain.route);
            chain.run(2_000 * MS, () -> false);
            LOG.info("{} MB over 3 paid hops in {} ms of virtual time, {} ms of wall time",
                    BYTES / 1_000_000, chain.completedAt / MS, (System.nanoTime() - started) / 1_000_000);

            Set<String> addresses = new HashSet<>();
            for (int h = 0; h < 3; h++) {
                long forwarded = chain.forwarded(h);
                assertThat(forwarded).as("hop %d forwarded every byte the origin sent", h).isEqualTo(sent);
                assertThat(chain.earned(h)).as("hop %d earned its bytes times its price", h)
                        .isEqualTo(Droplets.of(Pricing.owed(forwarded, prices.get(h))));
                // A payout fires at the first settlement that takes the balance to 1 SKY, so each is at least 1 SKY
                // and less than 1 SKY plus one period's earnings, and what stays at the escrow is below 1 SKY.
                List<Payout> payouts = chain.payouts.get(h);
                long most = Droplets.ofSky(1).plus(MOST_PER_PERIOD).value();
                assertThat(payouts).as("hop %d withdrew each time it reached 1 SKY", h)
                        .hasSizeGreaterThanOrEqualTo((int) (chain.earned(h).value() / most));
                LOG.info("hop {}: forwarded {} bytes at {} droplets/GB, earned {}, {} payouts", h, forwarded,
                        prices.get(h), chain.earned(h), payouts.size());
                for (Payout payout : payouts) {
                    assertThat(payout.amount()).isBetween(Droplets.ofSky(1), Droplets.of(most));
                    assertThat(addresses.add(payout.address().toString())).as("address used once").isTrue();
                    assertThat(escrow.chain.balance(payout.address())).isEqualTo(payout.amount());
                }
                assertThat(chain.hopAddresses.get(h).usedAddresses()).hasSize(payouts.size());
                assertThat(escrow.escrow.balance(chain.payees.get(h))).isLessThan(Droplets.ofSky(1));
                HopPaymentPolicy policy = chain.policies.get(h);
                assertThat(policy.count(PromiseOutcome.ACCEPTED)).isEqualTo(chain.paymentsSent[h] - 1);
                for (PromiseOutcome outcome : PromiseOutcome.values()) {
                    if (outcome.refused()) {
                        assertThat(policy.count(outcome)).as("%s at hop %d", outcome, h).isZero();
                    }
                }
                assertThat(policy.unsettled()).isEmpty();
                // An honest origin that pays every interval is never held up by a tolerance of four intervals.
                assertThat(chain.nodes.get(h + 1).engine().counters().get(Counter.PAYMENT_STALLS)).isZero();
            }
            assertThat(escrow.escrow.ledger().total()).isEqualTo(Droplets.ZERO);
            assertThat(escrow.chain.total()).isEqualTo(Droplets.ZERO);
        }
    }

    /** The price per GB that makes hop {@code h} earn its target for the transfer's size. */
    private static long price(int h) {
        return TARGET_SKY[h] * Droplets.PER_SKY * Pricing.BYTES_PER_GB / BYTES;
    }
}
