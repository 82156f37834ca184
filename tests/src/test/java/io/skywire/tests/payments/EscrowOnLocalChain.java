package io.skywire.tests.payments;

import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.wallet.blind.BlindSignature;
import io.skywire.wallet.blind.BlindedRequest;
import io.skywire.wallet.chain.LocalChain;
import io.skywire.wallet.chain.SignedTransaction;
import io.skywire.wallet.chain.Transaction;
import io.skywire.wallet.escrow.Attestation;
import io.skywire.wallet.escrow.Escrow;
import io.skywire.wallet.escrow.EscrowKeys;
import io.skywire.wallet.escrow.EscrowRequests;
import io.skywire.wallet.escrow.EscrowSettings;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.skycoin.DeterministicKeyChain;
import io.skywire.wallet.skycoin.SkycoinAddress;
import io.skywire.wallet.skycoin.SkycoinKeyPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

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
        byte[] depositor = secret(name + " depositor");
        SkycoinKeyPair coins = DeterministicKeyChain.derive(secp, bytes(name + " coins"), 1).get(0);
        chain.mint(coins.address(), amount);
        SkycoinAddress deposit = escrow.depositAddress(secp.publicKey(depositor));
        chain.submit(SignedTransaction.sign(secp, new Transaction(nonce(), List.of(new Transaction.Transfer(
                coins.address(), amount)), List.of(new Transaction.Transfer(deposit, amount))), List.of(coins)));
        escrow.creditDeposits(deposit);
        List<Droplets> parts = EscrowKeys.denominations(amount);
        List<BlindedRequest> blinded = new ArrayList<>();
        List<EscrowRequests.BlindedOutput> outputs = new ArrayList<>();
        for (Droplets part : parts) {
            BlindedRequest request = BlindedRequest.create(random);
            blinded.add(request);
            outputs.add(new EscrowRequests.BlindedOutput(part, request.blindedMessage()));
        }
        List<BlindSignature> signatures = escrow.issue(EscrowRequests.Issue.sign(secp, depositor, nonce(), outputs));
        List<EscrowRequests.PaidToken> tokens = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            tokens.add(new EscrowRequests.PaidToken(parts.get(i), blinded.get(i).unblind(signatures.get(i),
                    escrow.keys().mint(parts.get(i)).publicKey())));
        }
        escrow.redeem(tokens, secp.publicKey(pseudonymSecret));
        return escrow.attest(EscrowRequests.Attest.sign(secp, pseudonymSecret,
                clock.instant().getEpochSecond() + 3_600));
    }

    private byte[] nonce() {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return nonce;
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
