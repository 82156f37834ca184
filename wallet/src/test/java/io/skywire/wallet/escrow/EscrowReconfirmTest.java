package io.skywire.wallet.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.crypto.Hashes;
import io.skywire.wallet.chain.Chain;
import io.skywire.wallet.chain.ChainActivity;
import io.skywire.wallet.chain.ChainRefusedException;
import io.skywire.wallet.chain.SignedTransaction;
import io.skywire.wallet.chain.Transaction;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.skycoin.DeterministicKeyChain;
import io.skywire.wallet.skycoin.SkycoinAddress;
import io.skywire.wallet.skycoin.SkycoinKeyPair;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A payout the chain lost after the escrow booked it (as a crashed chain or a dropped broadcast can) is sent again. */
class EscrowReconfirmTest {

    @TempDir
    Path dir;
    private EscrowFixture fixture;

    @AfterEach
    void close() {
        fixture.close();
    }

    /** Passes everything through, but accepts and forgets submissions while {@code forget} is on. */
    private static final class ForgetfulChain implements Chain {
        private final Chain chain;
        boolean forget;

        ForgetfulChain(Chain chain) {
            this.chain = chain;
        }

        @Override
        public String name() {
            return chain.name();
        }

        @Override
        public Droplets balance(SkycoinAddress address) {
            return chain.balance(address);
        }

        @Override
        public String submit(SignedTransaction transaction) throws ChainRefusedException {
            return forget ? transaction.transaction().id() : chain.submit(transaction);
        }

        @Override
        public List<ChainActivity> transactions(SkycoinAddress address) {
            return chain.transactions(address);
        }

        @Override
        public Droplets fee(Transaction transaction) {
            return chain.fee(transaction);
        }

        @Override
        public long height() {
            return chain.height();
        }
    }

    @Test
    void aBookedPayoutMissingFromTheChainIsSubmittedAgainWhenTheEscrowOpens() throws Exception {
        fixture = new EscrowFixture(dir, Clock.systemUTC());
        ForgetfulChain chain = new ForgetfulChain(fixture.chain);
        EscrowKeys keys = new EscrowKeys(fixture.secp, Hashes.sha256(EscrowFixture.bytes("second escrow")));
        Path file = dir.resolve("second-escrow");
        byte[] hop = EscrowFixture.secret("hop");
        SkycoinAddress payoutAddress = DeterministicKeyChain.derive(fixture.secp, EscrowFixture.bytes("hop seed"), 1)
                .get(0).address();

        try (Escrow escrow = Escrow.open(file, chain, keys, fixture.secp, EscrowSettings.DEFAULT, Clock.systemUTC())) {
            SkycoinKeyPair funder = DeterministicKeyChain.derive(fixture.secp, EscrowFixture.bytes("funder"), 1).get(0);
            fixture.chain.mint(funder.address(), Droplets.ofSky(2));
            SkycoinAddress deposit = escrow.depositAddress(fixture.secp.publicKey(hop));
            fixture.chain.submit(SignedTransaction.sign(fixture.secp, new Transaction(fixture.nonce(),
                    List.of(new Transaction.Transfer(funder.address(), Droplets.ofSky(2))),
                    List.of(new Transaction.Transfer(deposit, Droplets.ofSky(2)))), List.of(funder)));
            escrow.creditDeposits(deposit);

            chain.forget = true;
            Payout payout = escrow.withdraw(EscrowRequests.Withdraw.sign(fixture.secp, hop, fixture.nonce(),
                    payoutAddress));
            assertThat(payout.transactionId()).isNotNull();
            assertThat(fixture.chain.balance(payoutAddress)).as("the chain forgot the payout").isEqualTo(Droplets.ZERO);
        }

        chain.forget = false;
        try (Escrow reopened = Escrow.open(file, chain, keys, fixture.secp, EscrowSettings.DEFAULT,
                Clock.systemUTC())) {
            assertThat(fixture.chain.balance(payoutAddress)).isEqualTo(Droplets.ofSky(2));
            assertThat(reopened.ledger().total()).isEqualTo(Droplets.ZERO);
        }
        // Opening again finds it on the chain and submits nothing twice.
        try (Escrow again = Escrow.open(file, chain, keys, fixture.secp, EscrowSettings.DEFAULT, Clock.systemUTC())) {
            assertThat(fixture.chain.balance(payoutAddress)).isEqualTo(Droplets.ofSky(2));
        }
    }
}
