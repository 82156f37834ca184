package io.skywire.wallet.payment;

import io.skywire.node.crypto.Secp256k1;
import java.util.Arrays;

/**
 * A payment promise with the pseudonym's 65-byte compact signature of its hash; on the wire, the promise's
 * encoding followed by the signature.
 *
 * @param promise the promise
 * @param signature r || s || recovery id, low S
 */
public record SignedPromise(PaymentPromise promise, byte[] signature) {

    public static final int ENCODED_BYTES = PaymentPromise.ENCODED_BYTES + Secp256k1.SIGNATURE_BYTES;

    public SignedPromise {
        if (signature.length != Secp256k1.SIGNATURE_BYTES) {
            throw new PromiseFormatException("signature must be 65 bytes, was " + signature.length);
        }
        signature = signature.clone();
    }

    /** The promise's encoding followed by the signature. */
    public byte[] encode() {
        byte[] out = Arrays.copyOf(promise.encode(), ENCODED_BYTES);
        System.arraycopy(signature, 0, out, PaymentPromise.ENCODED_BYTES, Secp256k1.SIGNATURE_BYTES);
        return out;
    }

    /**
     * Parses the wire form; the signature is not checked here.
     *
     * @throws PromiseFormatException when the bytes are not a signed promise
     */
    public static SignedPromise decode(byte[] encoded) {
        if (encoded.length != ENCODED_BYTES) {
            throw new PromiseFormatException("a signed promise is " + ENCODED_BYTES + " bytes, got " + encoded.length);
        }
        return new SignedPromise(PaymentPromise.decode(Arrays.copyOf(encoded, PaymentPromise.ENCODED_BYTES)),
                Arrays.copyOfRange(encoded, PaymentPromise.ENCODED_BYTES, ENCODED_BYTES));
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedPromise that && promise.equals(that.promise)
                && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return 31 * promise.hashCode() + Arrays.hashCode(signature);
    }
}
