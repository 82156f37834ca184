package io.skywire.wallet.escrow;

import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.wallet.blind.BlindSignature;
import io.skywire.wallet.blind.BlindedRequest;
import io.skywire.wallet.chain.LocalChain;
import io.skywire.wallet.chain.SignedTransaction;
import io.skywire.wallet.chain.Transaction;
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

/** An escrow on a local chain, and the client steps of an origin: deposit, blind issuance, redemption. */
final class EscrowFixture implements AutoCloseable {

    final Secp256k1 secp = Secp256k1Provider.get();
    final SecureRandom random = new SecureRandom();
    final LocalChain chain;
    final Escrow escrow;
    /** Every blinded message and blinded signature that went over the wire, for tests that look for them. */
    final List<byte[]> wire = new ArrayList<>();

    EscrowFixture(Path dir, Clock clock) {
        chain = LocalChain.open(dir.resolve("chain"), secp, clock, random);
        escrow = Escrow.open(dir.resolve("escrow"), chain, new EscrowKeys(secp, Hashes.sha256(bytes("escrow"))),
                secp, EscrowSettings.DEFAULT, clock);
    }

    /** Mints {@code amount} to a key of {@code name}, sends it to a deposit address of account {@code depositor}. */
    void deposit(String name, byte[] depositor, Droplets amount) throws Exception {
        SkycoinKeyPair payer = DeterministicKeyChain.derive(secp, bytes(name), 1).get(0);
        chain.mint(payer.address(), amount);
        SkycoinAddress depositAddress = escrow.depositAddress(secp.publicKey(depositor));
        chain.submit(SignedTransaction.sign(secp, new Transaction(nonce(), List.of(new Transaction.Transfer(
                payer.address(), amount)), List.of(new Transaction.Transfer(depositAddress, amount))), List.of(payer)));
        escrow.creditDeposits(depositAddress);
    }

    /** Blind issuance of {@code amount} from {@code depositor}'s account, unblinded after checking the DLEQ proofs. */
    List<EscrowRequests.PaidToken> tokens(byte[] depositor, Droplets amount) {
        List<Droplets> parts = EscrowKeys.denominations(amount);
        List<BlindedRequest> blinded = new ArrayList<>();
        List<EscrowRequests.BlindedOutput> outputs = new ArrayList<>();
        for (Droplets part : parts) {
            BlindedRequest request = BlindedRequest.create(random);
            blinded.add(request);
            outputs.add(new EscrowRequests.BlindedOutput(part, request.blindedMessage()));
        }
        List<BlindSignature> signatures = escrow.issue(EscrowRequests.Issue.sign(secp, depositor, nonce(), outputs));
        outputs.forEach(output -> wire.add(output.blindedMessage()));
        signatures.forEach(signature -> wire.add(signature.blindedSignature()));
        List<EscrowRequests.PaidToken> tokens = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            byte[] mintKey = escrow.keys().mint(parts.get(i)).publicKey();
            tokens.add(new EscrowRequests.PaidToken(parts.get(i), blinded.get(i).unblind(signatures.get(i), mintKey)));
        }
        return tokens;
    }

    /**
     * Deposits 2 SKY, redeems them to {@code payerSecret}'s pseudonym through blind tokens and returns the escrow's
     * attestation of it for the next ten minutes: a paying origin, ready to sign promises.
     */
    Attestation fundedPayer(byte[] payerSecret) throws Exception {
        deposit("coins", secret("depositor"), Droplets.ofSky(2));
        escrow.redeem(tokens(secret("depositor"), Droplets.ofSky(2)), secp.publicKey(payerSecret));
        return escrow.attest(EscrowRequests.Attest.sign(secp, payerSecret, java.time.Instant.now().getEpochSecond()
                + 600));
    }

    byte[] nonce() {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return nonce;
    }

    static byte[] secret(String name) {
        return Hashes.sha256(bytes(name));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        escrow.close();
        chain.close();
    }
}
