package io.skywire.wallet.escrow;

import static io.skywire.wallet.escrow.EscrowFixture.secret;
import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.payment.Pricing;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.payment.PaymentPromise;
import io.skywire.wallet.payment.PaymentRouteId;
import io.skywire.wallet.payment.PromiseOutcome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hop's policy: attestation first, then promises that raise the allowance; kept until settled. */
class HopPaymentPolicyTest {

    private static final long PRICE = 2_000_000;
    private static final Droplets TOLERANCE = Droplets.of(1_000);
    private final byte[] payer = secret("payer");
    private final byte[] payee = secret("payee");
    private final byte[] salt = new byte[16];

    @TempDir
    Path dir;
    private EscrowFixture fixture;
    private Attestation attestation;

    @BeforeEach
    void open() throws Exception {
        fixture = new EscrowFixture(dir, Clock.systemUTC());
        attestation = fixture.fundedPayer(payer);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private HopPaymentPolicy policy(Clock clock) {
        return new HopPaymentPolicy(fixture.secp, fixture.secp.publicKey(payee),
                fixture.escrow.keys().attestationKey(), PRICE, TOLERANCE, clock);
    }

    private byte[] promise(long owed, long sequence) {
        return new PaymentMessage.Promise(new PaymentPromise(fixture.secp.publicKey(payer),
                PaymentRouteId.of(fixture.secp.publicKey(payee), salt), Droplets.of(owed), sequence)
                .sign(fixture.secp, payer)).encode();
    }

    @Test
    void promisesRaiseTheAllowanceOnlyAfterAValidAttestationAndStayUntilSettled() {
        HopPaymentPolicy policy = policy(Clock.systemUTC());
        long tolerated = Pricing.covered(TOLERANCE.value(), PRICE);
        assertThat(policy.opened(salt, PRICE)).isEqualTo(tolerated);
        assertThat(policy.paid(salt, promise(5_000, 1))).isEqualTo(tolerated);
        assertThat(policy.count(HopPaymentPolicy.Refusal.NO_ATTESTATION)).isEqualTo(1);

        assertThat(policy.paid(salt, new PaymentMessage.Open(attestation).encode())).isEqualTo(tolerated);
        assertThat(policy.paid(salt, promise(5_000, 1))).isEqualTo(Pricing.covered(6_000, PRICE));
        assertThat(policy.paid(salt, new byte[] {9})).isEqualTo(Pricing.covered(6_000, PRICE));
        assertThat(policy.count(HopPaymentPolicy.Refusal.MALFORMED)).isEqualTo(1);
        assertThat(policy.count(PromiseOutcome.ACCEPTED)).isEqualTo(1);
        assertThat(policy.paid(new byte[] {1, 2, 3}, promise(1, 2))).isZero();
        assertThat(policy.count(HopPaymentPolicy.Refusal.UNKNOWN_ROUTE)).isEqualTo(1);

        assertThat(policy.unsettled()).singleElement().satisfies(due -> {
            assertThat(due.salt()).isEqualTo(salt);
            assertThat(due.promise().promise().sequence()).isEqualTo(1);
        });
        policy.closed(salt);
        assertThat(policy.promised(salt)).as("kept until settled").isEqualTo(Droplets.of(5_000));
        policy.settled(salt, 1);
        assertThat(policy.unsettled()).isEmpty();
        assertThat(policy.promised(salt)).isEqualTo(Droplets.ZERO);
    }

    @Test
    void attestationsFromAnotherEscrowOrExpiredAreRefused() {
        HopPaymentPolicy later = policy(Clock.fixed(Instant.ofEpochSecond(attestation.expiry()), ZoneOffset.UTC));
        later.opened(salt, PRICE);
        later.paid(salt, new PaymentMessage.Open(attestation).encode());
        Attestation foreign = Attestation.sign(fixture.secp, secret("another escrow"), fixture.secp.publicKey(payer),
                Droplets.ofSky(100), Droplets.ZERO, 0, attestation.expiry());
        HopPaymentPolicy policy = policy(Clock.systemUTC());
        policy.opened(salt, PRICE);
        policy.paid(salt, new PaymentMessage.Open(foreign).encode());
        assertThat(later.count(HopPaymentPolicy.Refusal.BAD_ATTESTATION)).isEqualTo(1);
        assertThat(policy.count(HopPaymentPolicy.Refusal.BAD_ATTESTATION)).isEqualTo(1);
        assertThat(policy.paid(salt, promise(5_000, 1))).isEqualTo(Pricing.covered(TOLERANCE.value(), PRICE));
        assertThat(policy.count(HopPaymentPolicy.Refusal.NO_ATTESTATION)).isEqualTo(1);
    }

    @Test
    void randomMessagesAreRefusedAndCountedWithoutRaisingTheAllowance() {
        HopPaymentPolicy policy = policy(Clock.systemUTC());
        long tolerated = policy.opened(salt, PRICE);
        policy.paid(salt, new PaymentMessage.Open(attestation).encode());
        SplittableRandom random = new SplittableRandom(11);
        int[] lengths = {0, 1, PaymentMessage.Open.BYTES, PaymentMessage.Promise.BYTES, 200};
        for (int i = 0; i < 2_000; i++) {
            byte[] message = new byte[lengths[i % lengths.length]];
            random.nextBytes(message);
            if (message.length > 0) {
                message[0] = (byte) (i % 3);
            }
            assertThat(policy.paid(salt, message)).isEqualTo(tolerated);
        }
        assertThat(policy.count(PromiseOutcome.ACCEPTED)).isZero();
        long judged = 0;
        for (PromiseOutcome outcome : PromiseOutcome.values()) {
            judged += policy.count(outcome);
        }
        long refused = policy.count(HopPaymentPolicy.Refusal.MALFORMED)
                + policy.count(HopPaymentPolicy.Refusal.REPEATED_OPEN);
        assertThat(refused + judged).as("every message counted once").isEqualTo(2_000);
    }

    @Test
    void afterTheAttestationExpiresPromisesAreRefusedUntilALaterOneRenewsIt() {
        Instant[] now = {Instant.now()};
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        HopPaymentPolicy policy = policy(clock);
        policy.opened(salt, PRICE);
        policy.paid(salt, new PaymentMessage.Open(attestation).encode());
        assertThat(policy.paid(salt, promise(5_000, 1))).isEqualTo(Pricing.covered(6_000, PRICE));
        now[0] = Instant.ofEpochSecond(attestation.expiry());
        assertThat(policy.paid(salt, promise(9_000, 2))).isEqualTo(Pricing.covered(6_000, PRICE));
        assertThat(policy.count(HopPaymentPolicy.Refusal.ATTESTATION_EXPIRED)).isEqualTo(1);
        // The same attestation again is no renewal; a later one is, and the route goes on where it was.
        policy.paid(salt, new PaymentMessage.Open(attestation).encode());
        assertThat(policy.count(HopPaymentPolicy.Refusal.REPEATED_OPEN)).isEqualTo(1);
        Attestation later = fixture.escrow.attest(EscrowRequests.Attest.sign(fixture.secp, payer,
                attestation.expiry() + 600));
        policy.paid(salt, new PaymentMessage.Open(later).encode());
        assertThat(policy.paid(salt, promise(4_000, 3))).as("never below the latest").isEqualTo(
                Pricing.covered(6_000, PRICE));
        assertThat(policy.paid(salt, promise(9_000, 4))).isEqualTo(Pricing.covered(10_000, PRICE));
        assertThat(policy.count(PromiseOutcome.AMOUNT_DECREASED)).isEqualTo(1);
        assertThat(policy.count(PromiseOutcome.ACCEPTED)).isEqualTo(2);
    }

    @Test
    void openMessagesRoundTripTheAttestation() {
        PaymentMessage decoded = PaymentMessage.decode(new PaymentMessage.Open(attestation).encode());
        assertThat(decoded).isInstanceOfSatisfying(PaymentMessage.Open.class, open -> {
            assertThat(open.attestation().statement()).isEqualTo(attestation.statement());
            assertThat(open.attestation().signature()).isEqualTo(attestation.signature());
        });
    }
}
