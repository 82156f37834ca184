package io.skywire.wallet.blind;

/**
 * The signer's answer to a blinded message: C_ = kB_ and the proof that k is the key it publishes.
 *
 * @param blindedSignature C_, 33 bytes compressed
 * @param proof the DLEQ proof over (K, B_, C_)
 */
public record BlindSignature(byte[] blindedSignature, DleqProof proof) {
    public BlindSignature {
        blindedSignature = blindedSignature.clone();
    }

    @Override
    public byte[] blindedSignature() {
        return blindedSignature.clone();
    }
}
