package io.skywire.wallet.blind;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * The client's side of one token before it is signed: a random secret, a random blinding factor and the blinded
 * message B_ that is all the signer sees.
 */
public final class BlindedRequest {

    private static final int SECRET_BYTES = 32;

    private final byte[] secret;
    private final byte[] blindingFactor;
    private final byte[] blindedMessage;

    private BlindedRequest(byte[] secret, byte[] blindingFactor) {
        this.secret = secret;
        this.blindingFactor = blindingFactor;
        this.blindedMessage = BlindDiffieHellman.blind(secret, blindingFactor);
    }

    /** A request with a fresh 32-byte secret and blinding factor from {@code random}. */
    public static BlindedRequest create(SecureRandom random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return new BlindedRequest(secret, randomScalar(random));
    }

    /** B_, to send to the signer. */
    public byte[] blindedMessage() {
        return blindedMessage.clone();
    }

    /**
     * Checks the signer's DLEQ proof against its published key, then unblinds: C = C_ - rK.
     *
     * @throws BlindSignatureException when the proof does not hold: the signer did not use its published key
     */
    public Token unblind(BlindSignature signature, byte[] signerPublicKey) {
        if (!signature.proof().verify(signerPublicKey, blindedMessage, signature.blindedSignature())) {
            throw new BlindSignatureException("the signer's DLEQ proof does not hold for its published key");
        }
        byte[] c = BlindDiffieHellman.unblind(signature.blindedSignature(), blindingFactor, signerPublicKey);
        return new Token(secret, c);
    }

    private static byte[] randomScalar(SecureRandom random) {
        byte[] candidate = new byte[CurvePoints.SCALAR_BYTES];
        while (true) {
            random.nextBytes(candidate);
            BigInteger value = new BigInteger(1, candidate);
            if (value.signum() != 0 && value.compareTo(CurvePoints.N) < 0) {
                return candidate;
            }
        }
    }
}
