package io.skywire.app.testnet;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.wallet.chain.ChainRefusedException;
import io.skywire.wallet.chain.LocalChain;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.skycoin.DeterministicKeyChain;
import io.skywire.wallet.skycoin.SkycoinAddress;
import io.skywire.wallet.skycoin.SkycoinKeyPair;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The test network's default client wallet: random secrets and a throwaway key whose coins the local chain's faucet
 * mints just before the deposit; nothing is refunded, since nobody keeps the key.
 */
final class FaucetWallet implements ClientWallet {

    private final Path chainFile;
    private final LocalChain chain;
    private final Secp256k1 secp256k1;
    private final SecureRandom random;

    FaucetWallet(Path chainFile, LocalChain chain, Secp256k1 secp256k1, SecureRandom random) {
        this.chainFile = chainFile;
        this.chain = chain;
        this.secp256k1 = secp256k1;
        this.random = random;
    }

    @Override
    public Path chainFile() {
        return chainFile;
    }

    @Override
    public byte[] newDepositorSecret() {
        return randomBytes();
    }

    @Override
    public byte[] newPseudonymSecret() {
        return randomBytes();
    }

    @Override
    public void payDeposit(SkycoinAddress deposit, Droplets amount) throws ChainRefusedException {
        SkycoinKeyPair coins = DeterministicKeyChain.derive(secp256k1, randomBytes(), 1).get(0);
        PseudonymFunding.payFromFaucet(chain, secp256k1, random, coins, deposit, amount);
    }

    @Override
    public SkycoinAddress refundAddress() {
        return null;
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return bytes;
    }
}
