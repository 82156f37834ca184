package io.skywire.tests.payments;

import io.skywire.app.testnet.PseudonymFunding;
import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.wallet.chain.LocalChain;
import io.skywire.wallet.escrow.Attestation;
import io.skywire.wallet.escrow.Escrow;
import io.skywire.wallet.escrow.EscrowKeys;
import io.skywire.wallet.escrow.EscrowSettings;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.skycoin.DeterministicKeyChain;
import io.skywire.wallet.skycoin.SkycoinKeyPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * A real escrow on H2 files with a local chain, and an origin's way to a paying pseudonym: coins deposited,
 * blind tokens issued and redeemed to the pseudonym, and the escrow's attestation of its locked balance.
 */
final class EscrowOnLocalChain implements AutoCloseable {

    final Secp256k1 secp;
    final SecureRandom random = new SecureRandom();
    final Clock clock = Clock.systemUTC();
    final LocalChain chain;
    final Escrow escrow;

    EscrowOnLocalChain(Path dir, Secp256k1 secp) {
        this.secp = secp;
        chain = LocalChain.open(dir.resolve("chain"), secp, clock, random);
        escrow = Escrow.open(dir.resolve("escrow"), chain, new EscrowKeys(secp, secret("escrow")), secp,
                EscrowSettings.DEFAULT, clock);
    }

    /** Funds {@code pseudonymSecret}'s pseudonym with {@code amount} through deposit and blind tokens; attests it. */
    Attestation fund(String name, byte[] pseudonymSecret, Droplets amount) throws Exception {
        SkycoinKeyPair coins = DeterministicKeyChain.derive(secp, bytes(name + " coins"), 1).get(0);
        return PseudonymFunding.fund(chain, escrow, secp, random, coins, secret(name + " depositor"),
                pseudonymSecret, amount, clock.instant().getEpochSecond() + 3_600);
    }

    static byte[] secret(String name) {
        return Hashes.sha256(bytes(name));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        escrow.close();
        chain.close();
    }
}
