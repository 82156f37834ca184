package io.skywire.tests.payments;

import static io.skywire.tests.payments.PaidChain.MS;
import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.node.engine.Counter;
import io.skywire.node.payment.Pricing;
import io.skywire.wallet.escrow.Attestation;
import io.skywire.wallet.escrow.HopPaymentPolicy;
import io.skywire.wallet.escrow.PaymentMessage;
import io.skywire.wallet.escrow.Payout;
import io.skywire.wallet.escrow.RoutePayer;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.payment.PaymentPromise;
import io.skywire.wallet.payment.PaymentRouteId;
import io.skywire.wallet.payment.PromiseOutcome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An origin that stops paying: its route is held at the first hop's tolerance (back-pressure up to the origin,
 * nothing served for free), and everything it tries instead of paying - a replayed promise, one that owes less,
 * a forged one, one beyond its locked balance, one for another payee, garbage, a second attestation - is refused,
 * counted, and moves nothing.
 */
class HostileOriginTest {

    private static final long PRICE = 1_000 * Droplets.PER_SKY;
    private static final Droplets TOLERANCE = Droplets.of(500_000);
    private static final long PAID_BYTES = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void aRouteThatIsNotPaidStallsAtTheToleranceAndBadPromisesAreRefusedAndCounted() throws Exception {
        Secp256k1 secp = Secp256k1Provider.get();
        try (EscrowOnLocalChain escrow = new EscrowOnLocalChain(dir, secp);
             PaidChain chain = new PaidChain(dir, escrow, List.of(PRICE, PRICE, PRICE), TOLERANCE)) {
            Attestation attestation = escrow.fund("origin", chain.pseudonymSecret, Droplets.ofSky(10));
            chain.start(20_000_000, attestation, Droplets.of(10_000), false);
            chain.run(200 * MS, () -> chain.payer != null);
            List<RoutePayer.Outgoing> first = chain.payer.settleUp(PAID_BYTES);
            chain.send(first);
            chain.run(3_000 * MS, () -> false);

            HopPaymentPolicy policy = chain.policies.get(0);
            long promised = Pricing.owed(PAID_BYTES, PRICE);
            long allowance = Pricing.covered(promised + TOLERANCE.value(), PRICE);
            assertThat(policy.promised(chain.origin().engine().paymentSalt(chain.route, 0)))
                    .isEqualTo(Droplets.of(promised));
            assertThat(chain.delivered).isPositive().isLessThanOrEqualTo(allowance);
            assertThat(chain.written).as("the origin is held back").isLessThan(chain.total);
            assertThat(chain.nodes.get(1).engine().counters().get(Counter.PAYMENT_STALLS)).isEqualTo(1);
            long delivered = chain.delivered;

            byte[] salt = chain.origin().engine().paymentSalt(chain.route, 0);
            byte[] pseudonym = secp.publicKey(chain.pseudonymSecret);
            byte[] routeId = PaymentRouteId.of(chain.payees.get(0), salt);
            byte[] replayed = first.get(0).message();
            byte[] decreasing = promise(secp, chain.pseudonymSecret, new PaymentPromise(pseudonym, routeId,
                    Droplets.of(promised - 1), 2));
            byte[] forged = promise(secp, EscrowOnLocalChain.secret("someone else"), new PaymentPromise(pseudonym,
                    routeId, Droplets.ofSky(5), 3));
            byte[] beyondBalance = promise(secp, chain.pseudonymSecret, new PaymentPromise(pseudonym, routeId,
                    Droplets.ofSky(11), 4));
            byte[] otherPayee = promise(secp, chain.pseudonymSecret, new PaymentPromise(pseudonym,
                    PaymentRouteId.of(chain.payees.get(1), salt), Droplets.ofSky(5), 5));
            byte[] secondOpen = new PaymentMessage.Open(attestation).encode();
            for (byte[] message : List.of(replayed, decreasing, forged, beyondBalance, otherPayee, secondOpen,
                    new byte[] {2, 0, 0})) {
                assertThat(chain.origin().sendPayment(chain.route, 0, message)).isTrue();
            }
            chain.run(3_000 * MS, () -> false);

            assertThat(policy.count(PromiseOutcome.REPEATED_SEQUENCE)).isEqualTo(1);
            assertThat(policy.count(PromiseOutcome.AMOUNT_DECREASED)).isEqualTo(1);
            assertThat(policy.count(PromiseOutcome.BAD_SIGNATURE)).isEqualTo(1);
            assertThat(policy.count(PromiseOutcome.EXCEEDS_LOCKED_BALANCE)).isEqualTo(1);
            assertThat(policy.count(PromiseOutcome.WRONG_ROUTE)).isEqualTo(1);
            assertThat(policy.count(PromiseOutcome.ACCEPTED)).isEqualTo(1);
            assertThat(policy.count(HopPaymentPolicy.Refusal.REPEATED_OPEN)).isEqualTo(1);
            assertThat(policy.count(HopPaymentPolicy.Refusal.MALFORMED)).isEqualTo(1);
            assertThat(chain.nodes.get(1).engine().counters().get(Counter.PAYMENTS_RECEIVED)).isEqualTo(9);
            assertThat(chain.nodes.get(1).engine().counters().get(Counter.PAYMENT_RESUMED)).isZero();
            assertThat(chain.delivered).as("nothing more was served").isEqualTo(delivered);

            // The hop is paid for what it accepted, and it served no more than that plus its tolerance.
            chain.settleAll();
            assertThat(chain.earned(0)).isEqualTo(Droplets.of(promised));
            // 1 MB at 1,000 SKY/GB is the 1 SKY threshold: paid out at once.
            assertThat(chain.payouts.get(0)).extracting(Payout::amount).containsExactly(Droplets.ofSky(1));
            assertThat(chain.origin().engine().counters().get(Counter.PAYMENT_UNOPENED)).isZero();
            assertThat(escrow.escrow.ledger().total()).isEqualTo(Droplets.ZERO);
        }
    }

    private static byte[] promise(Secp256k1 secp, byte[] signer, PaymentPromise promise) {
        return new PaymentMessage.Promise(promise.sign(secp, signer)).encode();
    }
}
