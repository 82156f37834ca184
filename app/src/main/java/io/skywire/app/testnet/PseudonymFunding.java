package io.skywire.app.testnet;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.wallet.blind.BlindSignature;
import io.skywire.wallet.blind.BlindedRequest;
import io.skywire.wallet.chain.ChainRefusedException;
import io.skywire.wallet.chain.LocalChain;
import io.skywire.wallet.chain.SignedTransaction;
import io.skywire.wallet.chain.Transaction;
import io.skywire.wallet.escrow.Attestation;
import io.skywire.wallet.escrow.Escrow;
import io.skywire.wallet.escrow.EscrowKeys;
import io.skywire.wallet.escrow.EscrowRequests;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.skycoin.SkycoinAddress;
import io.skywire.wallet.skycoin.SkycoinKeyPair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * An origin's way from coins on the local chain to a paying pseudonym: the coins (minted by the chain's faucet, or
 * paid from a wallet) are deposited at the escrow, the deposit is issued as blind tokens, the tokens are redeemed to the pseudonym (which the
 * escrow therefore cannot link to the deposit), and the escrow attests the pseudonym's locked balance.
 */
public final class PseudonymFunding {

    private PseudonymFunding() {
    }

    /**
     * Mints {@code amount} to {@code coins}, deposits it for {@code depositorSecret}'s account, and moves it through
     * blind tokens to {@code pseudonymSecret}'s pseudonym; returns the escrow's attestation valid until
     * {@code expiryEpochSecond}.
     *
     * @throws ChainRefusedException when the chain refuses the deposit
     */
    public static Attestation fund(LocalChain chain, Escrow escrow, Secp256k1 secp256k1, SecureRandom random,
                                   SkycoinKeyPair coins, byte[] depositorSecret, byte[] pseudonymSecret,
                                   Droplets amount, long expiryEpochSecond) throws ChainRefusedException {
        return fund(escrow, secp256k1, random, (deposit, paid) -> payFromFaucet(chain, secp256k1, random, coins,
                deposit, paid), depositorSecret, pseudonymSecret, amount, () -> expiryEpochSecond);
    }

    /** Mints {@code amount} to {@code coins} and sends it all to {@code deposit}. */
    static void payFromFaucet(LocalChain chain, Secp256k1 secp256k1, SecureRandom random, SkycoinKeyPair coins,
                              SkycoinAddress deposit, Droplets amount) throws ChainRefusedException {
        chain.mint(coins.address(), amount);
        chain.submit(SignedTransaction.sign(secp256k1, new Transaction(nonce(random),
                List.of(new Transaction.Transfer(coins.address(), amount)),
                List.of(new Transaction.Transfer(deposit, amount))), List.of(coins)));
    }

    /** Pays a deposit address on the chain. */
    @FunctionalInterface
    public interface DepositPayer {
        void pay(SkycoinAddress deposit, Droplets amount) throws ChainRefusedException;
    }

    /**
     * Has {@code payer} pay {@code amount} into a fresh deposit address of {@code depositorSecret}'s account, and
     * moves it through blind tokens to {@code pseudonymSecret}'s pseudonym; returns the escrow's attestation valid
     * until the epoch second {@code expiryEpochSecond} gives when the escrow is asked for it, after the deposit and
     * the tokens: a lifetime counted from then is not eaten by a slow deposit (nor refused as already past).
     *
     * @throws ChainRefusedException when the chain refuses the deposit
     */
    public static Attestation fund(Escrow escrow, Secp256k1 secp256k1, SecureRandom random, DepositPayer payer,
                                   byte[] depositorSecret, byte[] pseudonymSecret, Droplets amount,
                                   LongSupplier expiryEpochSecond) throws ChainRefusedException {
        SkycoinAddress deposit = escrow.depositAddress(secp256k1.publicKey(depositorSecret));
        payer.pay(deposit, amount);
        escrow.creditDeposits(deposit);
        List<Droplets> parts = EscrowKeys.denominations(amount);
        List<BlindedRequest> blinded = new ArrayList<>();
        List<EscrowRequests.BlindedOutput> outputs = new ArrayList<>();
        for (Droplets part : parts) {
            BlindedRequest request = BlindedRequest.create(random);
            blinded.add(request);
            outputs.add(new EscrowRequests.BlindedOutput(part, request.blindedMessage()));
        }
        List<BlindSignature> signatures = escrow.issue(EscrowRequests.Issue.sign(secp256k1, depositorSecret,
                nonce(random), outputs));
        List<EscrowRequests.PaidToken> tokens = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            tokens.add(new EscrowRequests.PaidToken(parts.get(i), blinded.get(i).unblind(signatures.get(i),
                    escrow.keys().mint(parts.get(i)).publicKey())));
        }
        escrow.redeem(tokens, secp256k1.publicKey(pseudonymSecret));
        return escrow.attest(EscrowRequests.Attest.sign(secp256k1, pseudonymSecret,
                expiryEpochSecond.getAsLong()));
    }

    private static byte[] nonce(SecureRandom random) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return nonce;
    }
}
