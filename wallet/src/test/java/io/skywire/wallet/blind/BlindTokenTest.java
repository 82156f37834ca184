package io.skywire.wallet.blind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Blind tokens end to end: issue, check the DLEQ, unblind, redeem once; forgeries and double spends refused. */
class BlindTokenTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        new Random(seed).nextBytes(key);
        key[0] &= 0x7f; // below n
        return key;
    }

    @Test
    void aTokenIsRedeemedOnceAndASecondSpendIsRefused() throws Exception {
        SpentTokens spent = new SpentTokens();
        TokenMint mint = new TokenMint(key(1), spent);
        BlindedRequest request = BlindedRequest.create(RANDOM);
        Token token = request.unblind(mint.sign(request.blindedMessage()), mint.publicKey());

        mint.redeem(token);
        assertThat(spent.isSpent(token.secret())).isTrue();
        assertThatThrownBy(() -> mint.redeem(token)).isInstanceOfSatisfying(TokenRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo(TokenRefusedException.Reason.ALREADY_SPENT));
        assertThat(spent.size()).isEqualTo(1);
    }

    @Test
    void forgedTokensAreRefusedAndNotRecorded() {
        SpentTokens spent = new SpentTokens();
        TokenMint mint = new TokenMint(key(1), spent);
        TokenMint other = new TokenMint(key(2), new SpentTokens());
        BlindedRequest request = BlindedRequest.create(RANDOM);
        Token fromOtherMint = request.unblind(other.sign(request.blindedMessage()), other.publicKey());
        assertThatThrownBy(() -> mint.redeem(fromOtherMint)).isInstanceOfSatisfying(TokenRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo(TokenRefusedException.Reason.BAD_SIGNATURE));

        Token genuine = request.unblind(mint.sign(request.blindedMessage()), mint.publicKey());
        Token otherSecret = new Token(new byte[] {1, 2, 3}, genuine.signature());
        Token notAPoint = new Token(genuine.secret(), new byte[33]);
        assertThatThrownBy(() -> mint.redeem(otherSecret)).isInstanceOf(TokenRefusedException.class);
        assertThatThrownBy(() -> mint.redeem(notAPoint)).isInstanceOf(TokenRefusedException.class);
        assertThat(spent.size()).isZero();
    }

    @Test
    void aSignerThatDoesNotUseItsPublishedKeyIsCaught() {
        TokenMint honest = new TokenMint(key(1), new SpentTokens());
        TokenMint cheat = new TokenMint(key(3), new SpentTokens());
        BlindedRequest request = BlindedRequest.create(RANDOM);
        // The cheat signs with a key of its own (to tag this client) while the client expects the published one.
        BlindSignature tagged = cheat.sign(request.blindedMessage());
        assertThatThrownBy(() -> request.unblind(tagged, honest.publicKey()))
                .isInstanceOf(BlindSignatureException.class).hasMessageContaining("DLEQ");
    }

    @Test
    void theSignerSeesNeitherTheSecretsPointNorTheFinalSignature() {
        TokenMint mint = new TokenMint(key(1), new SpentTokens());
        BlindedRequest request = BlindedRequest.create(RANDOM);
        BlindSignature signature = mint.sign(request.blindedMessage());
        Token token = request.unblind(signature, mint.publicKey());
        HexFormat hex = HexFormat.of();
        String y = hex.formatHex(BlindDiffieHellman.hashToCurve(token.secret()));
        assertThat(hex.formatHex(request.blindedMessage())).isNotEqualTo(y);
        assertThat(hex.formatHex(signature.blindedSignature())).isNotEqualTo(hex.formatHex(token.signature()));
        assertThat(BlindDiffieHellman.verify(key(1), token.secret(), token.signature())).isTrue();
    }

    @Test
    void refusesMalformedPointsAndScalars() {
        TokenMint mint = new TokenMint(key(1), new SpentTokens());
        assertThatThrownBy(() -> mint.sign(new byte[33])).isInstanceOf(BlindSignatureException.class);
        byte[] offCurve = new byte[33];
        offCurve[0] = 0x02;
        offCurve[32] = 5; // x = 5: x^3 + 7 = 132 is not a square mod p
        assertThatThrownBy(() -> mint.sign(offCurve)).isInstanceOf(BlindSignatureException.class);
        assertThatThrownBy(() -> new TokenMint(new byte[32], new SpentTokens()))
                .isInstanceOf(BlindSignatureException.class);
        byte[] n = HexFormat.of().parseHex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
        assertThatThrownBy(() -> new TokenMint(n, new SpentTokens())).isInstanceOf(BlindSignatureException.class);
    }
}
