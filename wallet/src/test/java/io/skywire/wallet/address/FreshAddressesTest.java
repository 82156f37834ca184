package io.skywire.wallet.address;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.wallet.ledger.WalletDatabase;
import io.skywire.wallet.seed.Mnemonic;
import io.skywire.wallet.skycoin.DeterministicKeyChain;
import io.skywire.wallet.skycoin.SkycoinKeyPair;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fresh addresses walk the deterministic chain, are recorded, and are never handed out twice, across restarts. */
class FreshAddressesTest {

    private static final byte[] SEED = Mnemonic.parse(
            "scheme spot photo card baby mountain device kick cradle pact join borrow").seed();

    @TempDir
    Path dir;

    @Test
    void handsOutEachAddressOnceAcrossRestarts() {
        List<SkycoinKeyPair> expected = DeterministicKeyChain.derive(Secp256k1Provider.get(), SEED, 5);
        try (WalletDatabase database = WalletDatabase.open(dir.resolve("wallet"))) {
            FreshAddresses addresses = new FreshAddresses(database, Secp256k1Provider.get(), SEED, Clock.systemUTC());
            assertThat(addresses.freshAddress("withdrawal").address()).isEqualTo(expected.get(0).address());
            assertThat(addresses.freshAddress("withdrawal").address()).isEqualTo(expected.get(1).address());
            assertThat(addresses.freshAddress("receive").index()).isEqualTo(2);
        }
        try (WalletDatabase database = WalletDatabase.open(dir.resolve("wallet"))) {
            FreshAddresses addresses = new FreshAddresses(database, Secp256k1Provider.get(), SEED, Clock.systemUTC());
            UsedAddress next = addresses.freshAddress("withdrawal");
            assertThat(next.index()).isEqualTo(3);
            assertThat(next.address()).isEqualTo(expected.get(3).address());
            assertThat(addresses.usedAddresses()).extracting(UsedAddress::address).doesNotHaveDuplicates()
                    .containsExactly(expected.get(0).address(), expected.get(1).address(), expected.get(2).address(),
                            expected.get(3).address());
            assertThat(addresses.usedAddresses()).extracting(UsedAddress::purpose)
                    .containsExactly("withdrawal", "withdrawal", "receive", "withdrawal");
        }
    }
}
