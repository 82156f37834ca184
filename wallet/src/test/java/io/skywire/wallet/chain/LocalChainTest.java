package io.skywire.wallet.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.wallet.address.FreshAddresses;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.ledger.WalletDatabase;
import io.skywire.wallet.skycoin.DeterministicKeyChain;
import io.skywire.wallet.skycoin.SkycoinAddress;
import io.skywire.wallet.skycoin.SkycoinKeyPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalChainTest {

    private final Secp256k1 secp = Secp256k1Provider.get();
    private final SecureRandom random = new SecureRandom();
    private final List<SkycoinKeyPair> alice = DeterministicKeyChain.derive(secp, bytes("alice"), 2);
    private final SkycoinKeyPair bob = DeterministicKeyChain.derive(secp, bytes("bob"), 1).get(0);

    @TempDir
    Path dir;
    private LocalChain chain;

    @BeforeEach
    void open() {
        chain = LocalChain.open(dir.resolve("chain"), secp, Clock.systemUTC(), random);
    }

    @AfterEach
    void close() {
        chain.close();
    }

    @Test
    void aSignedTransferMovesCoinsAndTheBooksBalance() throws Exception {
        chain.mint(alice.get(0).address(), Droplets.ofSky(5));
        SignedTransaction transfer = transfer(alice.get(0), Droplets.ofSky(5), bob.address(), Droplets.ofSky(2),
                alice.get(1).address(), Droplets.ofSky(3));
        String id = chain.submit(transfer);

        assertThat(id).isEqualTo(transfer.transaction().id());
        assertThat(chain.balance(alice.get(0).address())).isEqualTo(Droplets.ZERO);
        assertThat(chain.balance(bob.address())).isEqualTo(Droplets.ofSky(2));
        assertThat(chain.balance(alice.get(1).address())).isEqualTo(Droplets.ofSky(3));
        assertThat(chain.height()).isEqualTo(2);
        assertThat(chain.total()).isEqualTo(Droplets.ZERO);
        assertThat(chain.minted()).isEqualTo(Droplets.ofSky(5));
        assertThat(chain.transactions(alice.get(0).address())).extracting(ChainActivity::change)
                .containsExactly(Droplets.ofSky(5), Droplets.ofSky(-5));
        assertThat(chain.transactions(bob.address()).get(0).transactionId()).isEqualTo(id);
    }

    @Test
    void aTransactionSignedByAnotherKeyIsRefusedAndNothingMoves() {
        chain.mint(alice.get(0).address(), Droplets.ofSky(1));
        Transaction stealing = new Transaction(nonce(), List.of(new Transaction.Transfer(alice.get(0).address(),
                Droplets.ofSky(1))), List.of(new Transaction.Transfer(bob.address(), Droplets.ofSky(1))));
        byte[] forged = secp.sign(bob.secret(), stealing.hash());

        assertThatThrownBy(() -> chain.submit(new SignedTransaction(stealing, List.of(forged))))
                .isInstanceOf(ChainRefusedException.class).hasMessageContaining("not signed by the key")
                .extracting(e -> ((ChainRefusedException) e).reason())
                .isEqualTo(ChainRefusedException.Reason.BAD_SIGNATURE);
        byte[] garbage = new byte[65];
        assertThatThrownBy(() -> chain.submit(new SignedTransaction(stealing, List.of(garbage))))
                .isInstanceOf(ChainRefusedException.class);
        assertThat(chain.balance(alice.get(0).address())).isEqualTo(Droplets.ofSky(1));
        assertThat(chain.height()).isEqualTo(1);
    }

    @Test
    void spendingMoreThanAnAddressHoldsIsRefused() {
        chain.mint(alice.get(0).address(), Droplets.of(999_999));
        SignedTransaction tooMuch = transfer(alice.get(0), Droplets.ofSky(1), bob.address(), Droplets.ofSky(1));

        assertThatThrownBy(() -> chain.submit(tooMuch)).isInstanceOf(ChainRefusedException.class)
                .hasMessageContaining("holds 0.999999 SKY");
        assertThat(chain.balance(bob.address())).isEqualTo(Droplets.ZERO);
        assertThat(chain.height()).isEqualTo(1);
    }

    @Test
    void aReplayedTransactionIsRefusedSoNothingIsSpentTwice() throws Exception {
        chain.mint(alice.get(0).address(), Droplets.ofSky(10));
        SignedTransaction once = transfer(alice.get(0), Droplets.ofSky(1), bob.address(), Droplets.ofSky(1));
        chain.submit(once);

        assertThatThrownBy(() -> chain.submit(SignedTransaction.decode(once.encode())))
                .isInstanceOf(ChainRefusedException.class)
                .extracting(e -> ((ChainRefusedException) e).reason())
                .isEqualTo(ChainRefusedException.Reason.ALREADY_ON_CHAIN);
        assertThat(chain.balance(bob.address())).isEqualTo(Droplets.ofSky(1));
    }

    @Test
    void theChainSurvivesAReopen() throws Exception {
        chain.mint(alice.get(0).address(), Droplets.ofSky(3));
        chain.submit(transfer(alice.get(0), Droplets.ofSky(3), bob.address(), Droplets.ofSky(3)));
        chain.close();
        chain = LocalChain.open(dir.resolve("chain"), secp, Clock.systemUTC(), random);
        assertThat(chain.balance(bob.address())).isEqualTo(Droplets.ofSky(3));
        assertThat(chain.height()).isEqualTo(2);
    }

    @Test
    void theEncodingRoundTripsAndMalformedBytesAreRefusedWithTheReason() {
        SignedTransaction signed = transfer(alice.get(0), Droplets.ofSky(2), bob.address(), Droplets.ofSky(1),
                alice.get(1).address(), Droplets.ofSky(1));
        byte[] wire = signed.encode();
        assertThat(wire).hasSize(8 + 1 + 16 + 2 + 3 * 29 + 65);
        assertThat(SignedTransaction.decode(wire)).isEqualTo(signed);

        assertThatThrownBy(() -> SignedTransaction.decode(Arrays.copyOf(wire, wire.length - 1)))
                .isInstanceOf(TransactionFormatException.class).hasMessageContaining("truncated");
        byte[] extra = Arrays.copyOf(wire, wire.length + 1);
        assertThatThrownBy(() -> SignedTransaction.decode(extra)).hasMessageContaining("after the signatures");
        byte[] badTag = wire.clone();
        badTag[0] = 'X';
        assertThatThrownBy(() -> SignedTransaction.decode(badTag)).hasMessageContaining("bad tag");
        byte[] unbalanced = wire.clone();
        unbalanced[8 + 1 + 16 + 1 + 21 + 7]++;
        assertThatThrownBy(() -> SignedTransaction.decode(unbalanced)).hasMessageContaining("outputs to");
        assertThatThrownBy(() -> new Transaction(nonce(), List.of(new Transaction.Transfer(bob.address(),
                Droplets.of(1))), List.of(new Transaction.Transfer(bob.address(), Droplets.of(0)))))
                .isInstanceOf(TransactionFormatException.class).hasMessageContaining("positive");
    }

    @Test
    void aWalletWithdrawsFromItsAddressesAndSendsChangeToAFreshOne() throws Exception {
        byte[] seed = bytes("wallet seed");
        try (WalletDatabase database = WalletDatabase.open(dir.resolve("wallet"))) {
            FreshAddresses addresses = new FreshAddresses(database, secp, seed, Clock.systemUTC());
            WalletFunds funds = new WalletFunds(chain, addresses, secp, seed, random);
            chain.mint(addresses.freshAddress("receive").address(), Droplets.ofSky(2));
            chain.mint(addresses.freshAddress("receive").address(), Droplets.parse("1.5"));

            WithdrawalPreview preview = funds.preview(bob.address(), Droplets.parse("2.25"));
            assertThat(preview.fee()).as("the local chain takes no fee").isEqualTo(Droplets.ZERO);
            assertThat(preview.change()).isEqualTo(Droplets.parse("1.25"));
            assertThat(preview.inputs()).isEqualTo(2);
            assertThat(preview.total()).isEqualTo(Droplets.parse("2.25"));
            assertThat(addresses.usedAddresses()).as("a preview hands out no change address").hasSize(2);
            assertThat(chain.balance(bob.address())).as("a preview sends nothing").isEqualTo(Droplets.ZERO);

            funds.withdraw(bob.address(), Droplets.parse("2.25"));

            assertThat(chain.balance(bob.address())).isEqualTo(Droplets.parse("2.25"));
            assertThat(funds.balance()).isEqualTo(Droplets.parse("1.25"));
            assertThat(addresses.usedAddresses()).hasSize(3);
            SkycoinAddress change = addresses.usedAddresses().get(2).address();
            assertThat(chain.balance(change)).isEqualTo(Droplets.parse("1.25"));
            assertThat(WalletFunds.history(chain, addresses.usedAddresses())).extracting(ChainActivity::change)
                    .containsExactly(Droplets.ofSky(2), Droplets.parse("1.5"), Droplets.parse("-2.25"));
            assertThatThrownBy(() -> funds.withdraw(bob.address(), Droplets.ofSky(2)))
                    .isInstanceOf(ChainRefusedException.class).hasMessageContaining("holds 1.25 SKY");
            assertThatThrownBy(() -> funds.preview(bob.address(), Droplets.ofSky(2)))
                    .isInstanceOf(ChainRefusedException.class).hasMessageContaining("holds 1.25 SKY");
            assertThat(addresses.usedAddresses()).as("no address handed out for a refused withdrawal").hasSize(3);
        }
    }

    private SignedTransaction transfer(SkycoinKeyPair from, Droplets amount, Object... outputs) {
        List<Transaction.Transfer> out = new ArrayList<>();
        for (int i = 0; i < outputs.length; i += 2) {
            out.add(new Transaction.Transfer((SkycoinAddress) outputs[i], (Droplets) outputs[i + 1]));
        }
        Transaction transaction = new Transaction(nonce(), List.of(new Transaction.Transfer(from.address(), amount)),
                out);
        return SignedTransaction.sign(secp, transaction, List.of(from));
    }

    private byte[] nonce() {
        byte[] nonce = new byte[Transaction.NONCE_BYTES];
        random.nextBytes(nonce);
        return nonce;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
