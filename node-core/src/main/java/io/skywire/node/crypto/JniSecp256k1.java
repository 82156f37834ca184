package io.skywire.node.crypto;

import fr.acinq.secp256k1.Secp256k1Exception;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * secp256k1 through libsecp256k1 (ACINQ's secp256k1-kmp JNI binding); input checks that decide what is accepted
 * are shared with {@link BouncyCastleSecp256k1} through {@link SignatureFormat} so both refuse the same inputs.
 */
final class JniSecp256k1 implements Secp256k1 {

    private final fr.acinq.secp256k1.Secp256k1 lib;

    private JniSecp256k1(fr.acinq.secp256k1.Secp256k1 lib) {
        this.lib = lib;
    }

    /**
     * Loads the native library and checks that it computes 1*G correctly. Whatever loading throws (a LinkageError
     * for a missing or incompatible .so, an IllegalStateException, an extraction I/O failure) propagates; the
     * provider catches it and falls back to Bouncy Castle.
     */
    static JniSecp256k1 load() {
        JniSecp256k1 jni = new JniSecp256k1(fr.acinq.secp256k1.Secp256k1.get());
        byte[] one = new byte[SECRET_KEY_BYTES];
        one[SECRET_KEY_BYTES - 1] = 1;
        byte[] generator = new byte[] {
            0x02, 0x79, (byte) 0xbe, 0x66, 0x7e, (byte) 0xf9, (byte) 0xdc, (byte) 0xbb, (byte) 0xac, 0x55, (byte) 0xa0,
            0x62, (byte) 0x95, (byte) 0xce, (byte) 0x87, 0x0b, 0x07, 0x02, (byte) 0x9b, (byte) 0xfc, (byte) 0xdb, 0x2d,
            (byte) 0xce, 0x28, (byte) 0xd9, 0x59, (byte) 0xf2, (byte) 0x81, 0x5b, 0x16, (byte) 0xf8, 0x17, (byte) 0x98};
        // The first native call is where a missing or broken .so shows up; better here than mid-handshake.
        if (!Arrays.equals(jni.publicKey(one), generator)) {
            throw new IllegalStateException("libsecp256k1 self-test failed: 1*G is wrong");
        }
        return jni;
    }

    @Override
    public String name() {
        return "libsecp256k1 (JNI)";
    }

    @Override
    public boolean isValidSecretKey(byte[] secret) {
        if (secret == null || secret.length != SECRET_KEY_BYTES) {
            return false;
        }
        try {
            return lib.secKeyVerify(secret);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public byte[] publicKey(byte[] secret) {
        checkSecret(secret);
        return call("public key creation", () -> lib.pubKeyCompress(lib.pubkeyCreate(secret)));
    }

    @Override
    public byte[] parsePublicKey(byte[] encoded) {
        SignatureFormat.checkPublicKeyEncoding(encoded);
        return call("public key parsing", () -> lib.pubKeyCompress(lib.pubkeyParse(encoded)));
    }

    @Override
    public byte[] multiply(byte[] publicKey, byte[] scalar) {
        checkSecret(scalar);
        SignatureFormat.checkPublicKeyEncoding(publicKey);
        return call("point multiplication", () -> lib.pubKeyCompress(lib.pubKeyTweakMul(publicKey, scalar)));
    }

    @Override
    public byte[] ecdh(byte[] secret, byte[] publicKey) {
        checkSecret(secret);
        SignatureFormat.checkPublicKeyEncoding(publicKey);
        // libsecp256k1's default ECDH hash is already SHA-256 of the compressed shared point.
        return call("ECDH", () -> lib.ecdh(secret, publicKey));
    }

    @Override
    public byte[] sign(byte[] secret, byte[] hash32) {
        checkSecret(secret);
        SignatureFormat.checkHash(hash32);
        return call("signing", () -> {
            // libsecp256k1 signs with RFC 6979 and low S already; normalising costs nothing and keeps the
            // guarantee if the binding ever changes.
            byte[] compact = lib.signatureNormalize(lib.sign(hash32, secret)).getFirst();
            byte[] publicKey = lib.pubkeyCreate(secret);
            // The binding has no recoverable signing, so find the recovery id by recovering; ids 2 and 3 need
            // r >= p - n, which practically never happens but is handled.
            for (int recoveryId = 0; recoveryId < 4; recoveryId++) {
                if (recoversTo(compact, hash32, recoveryId, publicKey)) {
                    byte[] out = Arrays.copyOf(compact, SIGNATURE_BYTES);
                    out[SignatureFormat.COMPACT_BYTES] = (byte) recoveryId;
                    return out;
                }
            }
            throw new CryptoException("no recovery id recovers the signer's key");
        });
    }

    private boolean recoversTo(byte[] compact, byte[] hash32, int recoveryId, byte[] publicKey) {
        try {
            return Arrays.equals(lib.ecdsaRecover(compact, hash32, recoveryId), publicKey);
        } catch (Secp256k1Exception e) {
            return false; // this id names no valid point
        }
    }

    @Override
    public boolean verify(byte[] signature, byte[] hash32, byte[] publicKey) {
        SignatureFormat.checkHash(hash32);
        SignatureFormat.checkPublicKeyEncoding(publicKey);
        if (signature == null || (signature.length != 64 && signature.length != 65)
                || !SignatureFormat.isCanonicalCompact(signature)) {
            parsePublicKey(publicKey); // a bad key throws whatever the signature, as in the BC path
            return false;
        }
        byte[] compact = signature.length == 64 ? signature : Arrays.copyOf(signature, SignatureFormat.COMPACT_BYTES);
        // libsecp256k1 refuses high S itself too; the shared check above makes the two implementations agree
        // by construction rather than by coincidence. It parses the key itself and throws if it is invalid.
        return call("verification", () -> lib.verify(compact, hash32, publicKey));
    }

    @Override
    public byte[] recover(byte[] signature65, byte[] hash32) {
        SignatureFormat.checkHash(hash32);
        int recoveryId = SignatureFormat.checkRecoverable(signature65);
        byte[] compact = Arrays.copyOf(signature65, SignatureFormat.COMPACT_BYTES);
        return call("recovery", () -> lib.pubKeyCompress(lib.ecdsaRecover(compact, hash32, recoveryId)));
    }

    private void checkSecret(byte[] secret) {
        if (!isValidSecretKey(secret)) {
            throw new CryptoException("secret key must be 32 bytes in range [1, n-1]");
        }
    }

    /** Runs a native call, turning whatever the binding throws into a CryptoException. */
    private static <T> T call(String what, Supplier<T> nativeCall) {
        try {
            return nativeCall.get();
        } catch (CryptoException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CryptoException(what + " failed in libsecp256k1: " + e.getMessage(), e);
        }
    }
}
