package io.skywire.node.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The one strict-DER parser both implementations use (BIP66 rules). */
final class SignatureFormatTest {

    private static final HexFormat HEX = HexFormat.of();
    // r = 0x80 00.. (needs a zero pad byte), s = 0x01: the smallest interesting strict encoding.
    private static final String R = "02210080" + "00".repeat(31);
    private static final String S = "020101";

    @Test
    void parsesStrictDer() {
        assertThat(seq(R + S)).startsWith("3026");
        byte[] compact = SignatureFormat.derToCompact(HEX.parseHex(seq(R + S)));
        assertThat(compact).isNotNull();
        assertThat(SignatureFormat.r(compact)).isEqualTo(BigInteger.ONE.shiftLeft(255));
        assertThat(SignatureFormat.s(compact)).isEqualTo(BigInteger.ONE);
    }

    @Test
    void refusesEverythingElse() {
        String[] malformed = {
            seq(R + S) + "00", // trailing byte after the sequence
            "3027" + R + S + "00", // trailing byte inside the sequence
            "308126" + R + S, // long-form length
            "31" + seq(R + S).substring(2), // SET, not SEQUENCE
            "3025" + R + S, // sequence length one short
            seq("03210080" + "00".repeat(31) + S), // r is not an INTEGER
            seq(R + "030101"), // s is not an INTEGER
            seq("022080" + "00".repeat(31) + S), // r negative (missing pad)
            seq("0222000080" + "00".repeat(31) + S), // r with excess zero padding
            seq(R + "02020001"), // s with excess zero padding
            seq(R + "0200"), // s empty
            seq(R + "020181"), // s negative
            seq("02230100" + "00".repeat(33) + S), // r wider than 32 bytes
            seq(R + "02220100" + "00".repeat(32)), // s wider than 32 bytes
            seq("022200" + "ff".repeat(33) + S), // r = 2^264 - 1, well-formed but too wide
            "", "30", "3000", "300602010102010100"
        };
        for (String hex : malformed) {
            assertThat(SignatureFormat.derToCompact(HEX.parseHex(hex))).as(hex).isNull();
        }
        assertThat(SignatureFormat.derToCompact(null)).isNull();
        assertThat(SignatureFormat.derToCompact(new byte[73])).isNull();
    }

    /** A SEQUENCE with the right short-form length around {@code bodyHex}. */
    private static String seq(String bodyHex) {
        return String.format("30%02x", bodyHex.length() / 2) + bodyHex;
    }

    @Test
    void zeroIsParsedButNotCanonical() {
        // 0 is well-formed DER; range checks belong to verification, which refuses it.
        byte[] compact = SignatureFormat.derToCompact(HEX.parseHex("3006020100020101"));
        assertThat(compact).isNotNull();
        assertThat(SignatureFormat.isCanonicalCompact(compact)).isFalse();
    }

    @Test
    void lowSBoundary() {
        byte[] atHalf = Secp256k1Test.compact(BigInteger.ONE, SignatureFormat.HALF_N);
        byte[] aboveHalf = Secp256k1Test.compact(BigInteger.ONE, SignatureFormat.HALF_N.add(BigInteger.ONE));
        assertThat(SignatureFormat.isCanonicalCompact(atHalf)).isTrue();
        assertThat(SignatureFormat.isCanonicalCompact(aboveHalf)).isFalse();
    }
}
