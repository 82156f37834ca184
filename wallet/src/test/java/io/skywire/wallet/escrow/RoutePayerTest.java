package io.skywire.wallet.escrow;

import static io.skywire.wallet.escrow.EscrowFixture.secret;
import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.payment.Pricing;
import io.skywire.wallet.ledger.Droplets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The origin's payer against the hops' policies: with a promise interval in bytes every hop, whatever its price,
 * is paid to within those bytes, so a tolerance of twice as many bytes never holds the route up.
 */
class RoutePayerTest {

    private static final long PROMISE_BYTES = 1_000_000;
    private static final long[] PRICES = {1_000_000, 1_500_000, 2_250_000};
    private final byte[] payer = secret("payer");

    @TempDir
    Path dir;
    private EscrowFixture fixture;
    private Attestation attestation;
    private final List<RoutePayer.Hop> hops = new ArrayList<>();
    private final List<HopPaymentPolicy> policies = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        fixture = new EscrowFixture(dir, Clock.systemUTC());
        attestation = fixture.fundedPayer(payer);
        for (int h = 0; h < PRICES.length; h++) {
            byte[] payee = fixture.secp.publicKey(secret("payee " + h));
            byte[] salt = new byte[16];
            salt[0] = (byte) h;
            hops.add(new RoutePayer.Hop(payee, PRICES[h], salt));
            HopPaymentPolicy policy = new HopPaymentPolicy(fixture.secp, payee, fixture.escrow.keys().attestationKey(),
                    PRICES[h], Droplets.of(Pricing.owed(2 * PROMISE_BYTES, PRICES[h])), Clock.systemUTC());
            policy.opened(salt, PRICES[h]);
            policies.add(policy);
        }
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void everyHopIsPaidWithinThePromiseBytesAtItsOwnPrice() {
        RoutePayer payer = RoutePayer.everyBytes(fixture.secp, this.payer, attestation, hops, PROMISE_BYTES);
        deliver(payer.opening());
        for (int h = 0; h < PRICES.length; h++) {
            assertThat(payer.interval(h)).isEqualTo(Droplets.of(Pricing.owed(PROMISE_BYTES, PRICES[h])));
        }
        int[] promises = new int[PRICES.length];
        for (long bytes = 0; bytes <= 20_000_000; bytes += 64 * 1024) {
            for (RoutePayer.Outgoing message : payer.promisesFor(bytes)) {
                promises[message.hop()]++;
                deliver(List.of(message));
            }
            for (int h = 0; h < PRICES.length; h++) {
                long promised = policies.get(h).promised(hops.get(h).salt()).value();
                assertThat(Pricing.owed(bytes, PRICES[h]) - promised).as("hop %d's debt at %d bytes", h, bytes)
                        .isLessThan(Pricing.owed(PROMISE_BYTES, PRICES[h]));
                assertThat(policies.get(h).paid(hops.get(h).salt(), new byte[0]))
                        .as("hop %d's allowance stays a promise interval ahead of the bytes", h)
                        .isGreaterThanOrEqualTo(bytes + PROMISE_BYTES);
            }
        }
        // About one promise per PROMISE_BYTES at every hop, not one per the dearest hop's interval.
        assertThat(Arrays.stream(promises).boxed().toList()).allSatisfy(count -> assertThat(count).isBetween(19, 20));

        deliver(payer.settleUp(20_000_001));
        for (int h = 0; h < PRICES.length; h++) {
            assertThat(policies.get(h).promised(hops.get(h).salt()))
                    .isEqualTo(Droplets.of(Pricing.owed(20_000_001, PRICES[h])));
        }
    }

    @Test
    void aUniformIntervalInDropletsLeavesCheaperHopsFurtherBehind() {
        Droplets dearestInterval = Droplets.of(Pricing.owed(PROMISE_BYTES, PRICES[2]));
        RoutePayer payer = new RoutePayer(fixture.secp, this.payer, attestation, hops, dearestInterval);
        deliver(payer.opening());
        long worstLagAtTheCheapest = 0;
        for (long bytes = 0; bytes <= 20_000_000; bytes += 64 * 1024) {
            deliver(payer.promisesFor(bytes));
            long promised = policies.get(0).promised(hops.get(0).salt()).value();
            worstLagAtTheCheapest = Math.max(worstLagAtTheCheapest,
                    bytes - Pricing.covered(promised, PRICES[0]));
        }
        assertThat(payer.interval(0)).isEqualTo(dearestInterval);
        assertThat(worstLagAtTheCheapest).as("unpaid bytes at the cheapest hop").isGreaterThan(2 * PROMISE_BYTES);
    }

    private void deliver(List<RoutePayer.Outgoing> messages) {
        for (RoutePayer.Outgoing message : messages) {
            policies.get(message.hop()).paid(hops.get(message.hop()).salt(), message.message());
        }
    }
}
