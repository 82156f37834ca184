package io.skywire.node.crypto;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Encoding rules both secp256k1 implementations share, so that they accept and refuse exactly the same inputs:
 * compact signature ranges, low S, strict DER, public key prefixes.
 */
final class SignatureFormat {

    /** The order of the secp256k1 group. */
    static final BigInteger N =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
    /** n / 2: the largest S a canonical (low-S) signature may have. */
    static final BigInteger HALF_N = N.shiftRight(1);

    static final int COMPACT_BYTES = 64;
    private static final int SCALAR_BYTES = 32;
    // SEQUENCE(2) + two INTEGERs of at most 33 bytes with their 2-byte headers: anything longer cannot be in range.
    private static final int MAX_DER_BYTES = 72;
    private static final int MIN_DER_BYTES = 8;

    private SignatureFormat() {
    }

    /** Refuses anything but a 32-byte hash, because both libraries would silently truncate or pad. */
    static void checkHash(byte[] hash32) {
        if (hash32 == null || hash32.length != 32) {
            throw new CryptoException("hash must be 32 bytes, was " + (hash32 == null ? "null" : hash32.length));
        }
    }

    /**
     * Refuses public key encodings other than SEC1 compressed (02/03, 33 bytes) and uncompressed (04, 65 bytes);
     * both libraries would otherwise also take X9.62 "hybrid" keys (06/07).
     */
    static void checkPublicKeyEncoding(byte[] encoded) {
        if (encoded == null) {
            throw new CryptoException("public key is null");
        }
        boolean compressed = encoded.length == 33 && (encoded[0] == 0x02 || encoded[0] == 0x03);
        boolean uncompressed = encoded.length == 65 && encoded[0] == 0x04;
        if (!compressed && !uncompressed) {
            throw new CryptoException("public key must be 33 bytes starting 02/03 or 65 bytes starting 04, was "
                    + encoded.length + " bytes starting " + (encoded.length == 0 ? "nothing" : String.format("%02x", encoded[0])));
        }
    }

    /**
     * True when the first 64 bytes of {@code signature} hold r and s with 1 <= r < n and 1 <= s <= n/2;
     * high S is refused because it is the malleated twin of a valid signature.
     */
    static boolean isCanonicalCompact(byte[] signature) {
        if (signature == null || signature.length < COMPACT_BYTES) {
            return false;
        }
        BigInteger r = r(signature);
        BigInteger s = s(signature);
        return r.signum() > 0 && r.compareTo(N) < 0 && s.signum() > 0 && s.compareTo(HALF_N) <= 0;
    }

    static BigInteger r(byte[] signature) {
        return new BigInteger(1, Arrays.copyOfRange(signature, 0, SCALAR_BYTES));
    }

    static BigInteger s(byte[] signature) {
        return new BigInteger(1, Arrays.copyOfRange(signature, SCALAR_BYTES, COMPACT_BYTES));
    }

    /** r || s as 64 bytes; both must be below 2^256. */
    static byte[] compact(BigInteger r, BigInteger s) {
        byte[] out = new byte[COMPACT_BYTES];
        writeScalar(r, out, 0);
        writeScalar(s, out, SCALAR_BYTES);
        return out;
    }

    /** Writes a non-negative integer below 2^256 as 32 big-endian bytes. */
    static void writeScalar(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > SCALAR_BYTES ? bytes.length - SCALAR_BYTES : 0;
        int length = bytes.length - skip;
        System.arraycopy(bytes, skip, out, offset + SCALAR_BYTES - length, length);
    }

    /**
     * Parses a strict-DER ECDSA signature (the BIP66 rules: minimal lengths, no negative integers, no excess
     * zero padding, nothing after the sequence) into r || s, or returns null when the encoding is not strict
     * DER or an integer does not fit in 32 bytes. Range and low-S checks are left to verification.
     */
    static byte[] derToCompact(byte[] der) {
        if (der == null || der.length < MIN_DER_BYTES || der.length > MAX_DER_BYTES) {
            return null;
        }
        // A short-form length byte is the only DER form for lengths below 128, so the long form is refused here.
        if ((der[0] & 0xff) != 0x30 || (der[1] & 0xff) != der.length - 2) {
            return null;
        }
        int lengthR = der[3] & 0xff;
        if (der[2] != 0x02 || 5 + lengthR >= der.length) {
            return null;
        }
        int lengthS = der[5 + lengthR] & 0xff;
        if (der[4 + lengthR] != 0x02 || lengthR + lengthS + 6 != der.length) {
            return null;
        }
        BigInteger r = derInteger(der, 4, lengthR);
        BigInteger s = derInteger(der, 6 + lengthR, lengthS);
        if (r == null || s == null || r.bitLength() > 256 || s.bitLength() > 256) {
            return null;
        }
        return compact(r, s);
    }

    /** Checks length, range, low S and the recovery id of a compact recoverable signature; returns the id. */
    static int checkRecoverable(byte[] signature65) {
        if (signature65 == null || signature65.length != Secp256k1.SIGNATURE_BYTES) {
            throw new CryptoException("recoverable signature must be 65 bytes, was "
                    + (signature65 == null ? "null" : signature65.length));
        }
        int recoveryId = signature65[COMPACT_BYTES] & 0xff;
        if (recoveryId > 3) {
            throw new CryptoException("recovery id must be 0..3, was " + recoveryId);
        }
        if (!isCanonicalCompact(signature65)) {
            throw new CryptoException("signature r or s out of range, or s is high");
        }
        return recoveryId;
    }

    private static BigInteger derInteger(byte[] der, int offset, int length) {
        if (length == 0 || (der[offset] & 0x80) != 0) {
            return null; // empty or negative
        }
        if (length > 1 && der[offset] == 0 && (der[offset + 1] & 0x80) == 0) {
            return null; // a leading zero that does not stop the next byte reading as negative
        }
        return new BigInteger(1, Arrays.copyOfRange(der, offset, offset + length));
    }
}
