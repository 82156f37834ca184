package io.skywire.wallet.escrow;

import static io.skywire.wallet.escrow.EscrowFixture.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.wallet.address.FreshAddresses;
import io.skywire.wallet.blind.BlindedRequest;
import io.skywire.wallet.blind.Token;
import io.skywire.wallet.escrow.EscrowRefusedException.Reason;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.ledger.WalletDatabase;
import io.skywire.wallet.payment.PaymentPromise;
import io.skywire.wallet.payment.PaymentRouteId;
import io.skywire.wallet.payment.SignedPromise;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EscrowTest {

    private final byte[] depositor = secret("depositor");
    private final byte[] payer = secret("pseudonym");
    private final byte[] hop = secret("hop");
    private final byte[] salt = new byte[16];

    @TempDir
    Path dir;
    private EscrowFixture fixture;
    private Escrow escrow;

    @BeforeEach
    void open() {
        fixture = new EscrowFixture(dir, Clock.systemUTC());
        escrow = fixture.escrow;
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void depositIssueRedeemAttestSettleAndWithdrawToAFreshAddress() throws Exception {
        fixture.deposit("origin coins", depositor, Droplets.ofSky(3));
        assertThat(escrow.balance(fixture.secp.publicKey(depositor))).isEqualTo(Droplets.ofSky(3));

        List<EscrowRequests.PaidToken> tokens = fixture.tokens(depositor, Droplets.parse("2.5"));
        assertThat(escrow.redeem(tokens, fixture.secp.publicKey(payer))).isEqualTo(Droplets.parse("2.5"));
        assertThat(escrow.balance(fixture.secp.publicKey(depositor))).isEqualTo(Droplets.parse("0.5"));

        long expiry = Instant.now().getEpochSecond() + 600;
        Attestation attestation = escrow.attest(EscrowRequests.Attest.sign(fixture.secp, payer, expiry));
        assertThat(attestation.lockedBalance()).isEqualTo(Droplets.parse("2.5"));
        assertThat(attestation.problem(fixture.secp, escrow.keys().attestationKey(), fixture.secp.publicKey(payer),
                Instant.now())).isNull();
        assertThat(attestation.problem(fixture.secp, escrow.keys().attestationKey(), fixture.secp.publicKey(hop),
                Instant.now())).contains("another pseudonym");
        assertThat(attestation.problem(fixture.secp, escrow.keys().attestationKey(), fixture.secp.publicKey(payer),
                Instant.ofEpochSecond(expiry))).contains("expired");

        byte[] hopKey = fixture.secp.publicKey(hop);
        assertThat(escrow.settle(settle(promise(Droplets.parse("0.6"), 1))).paid()).isEqualTo(Droplets.parse("0.6"));
        Settlement second = escrow.settle(settle(promise(Droplets.parse("1.1"), 2)));
        assertThat(second.paid()).isEqualTo(Droplets.parse("0.5"));
        assertThat(second.payeeBalance()).isEqualTo(Droplets.parse("1.1"));

        try (WalletDatabase hopWallet = WalletDatabase.open(dir.resolve("hop-wallet"))) {
            FreshAddresses addresses = new FreshAddresses(hopWallet, fixture.secp, EscrowFixture.bytes("hop seed"),
                    Clock.systemUTC());
            var fresh = addresses.freshAddress("escrow payout").address();
            Payout payout = escrow.withdraw(EscrowRequests.Withdraw.sign(fixture.secp, hop, fixture.nonce(), fresh));
            assertThat(payout.transactionId()).isNotNull();
            assertThat(fixture.chain.balance(fresh)).isEqualTo(Droplets.parse("1.1"));
            assertThat(escrow.balance(hopKey)).isEqualTo(Droplets.ZERO);
            refused(Reason.BELOW_THRESHOLD, () -> escrow.withdraw(EscrowRequests.Withdraw.sign(fixture.secp, hop,
                    fixture.nonce(), addresses.freshAddress("escrow payout").address())));
        }
        assertThat(escrow.ledger().total()).isEqualTo(Droplets.ZERO);
        assertThat(escrow.ledger().unbalancedPostings()).isZero();
        assertThat(escrow.ledger().balance(Escrow.CHAIN)).isEqualTo(Droplets.parse("-1.9"));
        assertThat(fixture.chain.total()).isEqualTo(Droplets.ZERO);
    }

    @Test
    void aTokenSpentTwiceOrForgedIsRefusedAndNothingMoves() throws Exception {
        fixture.deposit("origin coins", depositor, Droplets.ofSky(1));
        List<EscrowRequests.PaidToken> tokens = fixture.tokens(depositor, Droplets.ofSky(1));
        escrow.redeem(tokens, fixture.secp.publicKey(payer));

        refused(Reason.ALREADY_SPENT, () -> escrow.redeem(tokens, fixture.secp.publicKey(hop)));
        EscrowRequests.PaidToken first = tokens.get(0);
        Token forged = new Token(fixture.nonce(), first.token().signature());
        refused(Reason.BAD_TOKEN, () -> escrow.redeem(List.of(new EscrowRequests.PaidToken(first.amount(), forged)),
                fixture.secp.publicKey(hop)));
        refused(Reason.BAD_TOKEN, () -> escrow.redeem(List.of(new EscrowRequests.PaidToken(
                first.amount().times(2), first.token())), fixture.secp.publicKey(hop)));
        assertThat(escrow.balance(fixture.secp.publicKey(hop))).isEqualTo(Droplets.ZERO);
        assertThat(escrow.balance(fixture.secp.publicKey(payer))).isEqualTo(Droplets.ofSky(1));
        assertThat(escrow.ledger().total()).isEqualTo(Droplets.ZERO);
    }

    @Test
    void issuanceNeedsTheAccountsSignatureAFundedUnlockedBalanceAndAFreshRequestId() throws Exception {
        fixture.deposit("origin coins", depositor, Droplets.ofSky(1));
        var output = new EscrowRequests.BlindedOutput(Droplets.of(1 << 19),
                BlindedRequest.create(fixture.random).blindedMessage());
        EscrowRequests.Issue honest = EscrowRequests.Issue.sign(fixture.secp, depositor, fixture.nonce(),
                List.of(output));
        EscrowRequests.Issue stolen = new EscrowRequests.Issue(honest.account(), fixture.nonce(), honest.outputs(),
                honest.signature());
        refused(Reason.BAD_SIGNATURE, () -> escrow.issue(stolen));
        escrow.issue(honest);
        refused(Reason.DUPLICATE, () -> escrow.issue(honest));
        refused(Reason.BAD_REQUEST, () -> escrow.issue(EscrowRequests.Issue.sign(fixture.secp, depositor,
                fixture.nonce(), List.of(new EscrowRequests.BlindedOutput(Droplets.of(3), output.blindedMessage())))));
        refused(Reason.INSUFFICIENT_FUNDS, () -> escrow.issue(EscrowRequests.Issue.sign(fixture.secp, depositor,
                fixture.nonce(), List.of(new EscrowRequests.BlindedOutput(Droplets.of(1 << 20),
                        output.blindedMessage())))));
        escrow.attest(EscrowRequests.Attest.sign(fixture.secp, depositor, Instant.now().getEpochSecond() + 60));
        refused(Reason.LOCKED, () -> escrow.issue(EscrowRequests.Issue.sign(fixture.secp, depositor,
                fixture.nonce(), List.of(output))));
        assertThat(escrow.balance(fixture.secp.publicKey(depositor))).isEqualTo(Droplets.of(1_000_000 - (1 << 19)));
    }

    @Test
    void eachPromiseIsSettledOnceToOnePayeeAndNeverBeyondTheBalance() throws Exception {
        fixture.deposit("origin coins", depositor, Droplets.ofSky(1));
        escrow.redeem(fixture.tokens(depositor, Droplets.ofSky(1)), fixture.secp.publicKey(payer));
        byte[] hopKey = fixture.secp.publicKey(hop);
        SignedPromise third = promise(Droplets.of(300), 3);
        escrow.settle(settle(third));

        refused(Reason.STALE_PROMISE, () -> escrow.settle(settle(third)));
        refused(Reason.STALE_PROMISE, () -> escrow.settle(settle(promise(Droplets.of(200), 2))));
        // Someone else, even with the salt, cannot have the route's promise paid to itself.
        refused(Reason.WRONG_PAYEE, () -> escrow.settle(EscrowRequests.Settle.sign(fixture.secp, secret("thief"),
                salt, promise(Droplets.of(400), 4))));
        // Nor claim to be the payee without its key.
        refused(Reason.BAD_SIGNATURE, () -> escrow.settle(new EscrowRequests.Settle(hopKey, salt,
                promise(Droplets.of(400), 4), EscrowRequests.Settle.sign(fixture.secp, secret("thief"), salt,
                        promise(Droplets.of(400), 4)).signature())));
        SignedPromise genuine = promise(Droplets.of(500), 5);
        SignedPromise forged = new SignedPromise(new PaymentPromise(genuine.promise().pseudonym(), route(),
                Droplets.ofSky(1), 5), genuine.signature());
        refused(Reason.BAD_SIGNATURE, () -> escrow.settle(settle(forged)));
        refused(Reason.INSUFFICIENT_FUNDS, () -> escrow.settle(settle(promise(Droplets.ofSky(2), 6))));
        assertThat(escrow.settle(settle(genuine)).paid()).isEqualTo(Droplets.of(200));
        assertThat(escrow.balance(hopKey)).isEqualTo(Droplets.of(500));
        assertThat(escrow.ledger().total()).isEqualTo(Droplets.ZERO);
    }

    @Test
    void aHopIsPaidOutAtTheThresholdEachTimeToANeverUsedAddress() throws Exception {
        fixture.deposit("origin coins", depositor, Droplets.ofSky(5));
        escrow.redeem(fixture.tokens(depositor, Droplets.ofSky(5)), fixture.secp.publicKey(payer));
        try (WalletDatabase hopWallet = WalletDatabase.open(dir.resolve("hop-wallet"))) {
            FreshAddresses addresses = new FreshAddresses(hopWallet, fixture.secp, EscrowFixture.bytes("hop seed"),
                    Clock.systemUTC());
            HopEarnings earnings = new HopEarnings(escrow, fixture.secp, hop, addresses, Droplets.ofSky(1),
                    fixture.random);
            List<Payout> payouts = new ArrayList<>();
            for (int sequence = 1; sequence <= 45; sequence++) {
                earnings.settle(promise(Droplets.of(100_000L * sequence), sequence), salt).ifPresent(payouts::add);
            }
            // 4.5 SKY owed in steps of 0.1: paid out at 1.0, 2.0, 3.0 and 4.0 SKY of earnings.
            assertThat(payouts).extracting(Payout::amount).containsOnly(Droplets.ofSky(1)).hasSize(4);
            assertThat(payouts).extracting(Payout::address).doesNotHaveDuplicates();
            assertThat(addresses.usedAddresses()).hasSize(4);
            for (Payout payout : payouts) {
                assertThat(fixture.chain.balance(payout.address())).isEqualTo(Droplets.ofSky(1));
            }
            assertThat(escrow.balance(earnings.pseudonym())).isEqualTo(Droplets.parse("0.5"));
        }
        assertThat(escrow.ledger().total()).isEqualTo(Droplets.ZERO);
    }

    private byte[] route() {
        return PaymentRouteId.of(fixture.secp.publicKey(hop), salt);
    }

    private SignedPromise promise(Droplets owed, long sequence) {
        return new PaymentPromise(fixture.secp.publicKey(payer), route(), owed, sequence).sign(fixture.secp, payer);
    }

    private EscrowRequests.Settle settle(SignedPromise promise) {
        return EscrowRequests.Settle.sign(fixture.secp, hop, salt, promise);
    }

    private static void refused(Reason reason, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(EscrowRefusedException.class)
                .extracting(e -> ((EscrowRefusedException) e).reason()).isEqualTo(reason);
    }
}
