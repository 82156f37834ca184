package io.skywire.wallet.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.wallet.ledger.Droplets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The canonical encoding of promises and each reason a hop's verifier refuses one. */
class PromiseVerifierTest {

    private static final Secp256k1 SECP = Secp256k1Provider.get();
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SECRET = Hashes.sha256("payer".getBytes());
    private static final byte[] PSEUDONYM = SECP.publicKey(SECRET);
    private static final byte[] ROUTE = HEX.parseHex("00112233445566778899aabbccddeeff");

    private static SignedPromise promise(long total, long sequence) {
        return new PaymentPromise(PSEUDONYM, ROUTE, Droplets.of(total), sequence).sign(SECP, SECRET);
    }

    private static PromiseVerifier verifier() {
        return new PromiseVerifier(SECP, PSEUDONYM, ROUTE, Droplets.ofSky(1));
    }

    @Test
    void theEncodingIsCanonical() {
        PaymentPromise promise = new PaymentPromise(PSEUDONYM, ROUTE, Droplets.parse("1.5 SKY"), 7);
        String expected = HEX.formatHex("SKYWPROM".getBytes()) + "01" + HEX.formatHex(PSEUDONYM)
                + "00112233445566778899aabbccddeeff" + "000000000016e360" + "0000000000000007";
        assertThat(HEX.formatHex(promise.encode())).isEqualTo(expected);
        assertThat(promise.encode()).hasSize(74);
        assertThat(PaymentPromise.decode(promise.encode())).isEqualTo(promise);
        SignedPromise signed = promise.sign(SECP, SECRET);
        assertThat(signed.encode()).hasSize(139);
        assertThat(SignedPromise.decode(signed.encode())).isEqualTo(signed);
        assertThat(SECP.verify(signed.signature(), Hashes.sha256(promise.encode()), PSEUDONYM)).isTrue();
    }

    @Test
    void malformedEncodingsAreRefused() {
        byte[] good = new PaymentPromise(PSEUDONYM, ROUTE, Droplets.of(5), 1).encode();
        assertThatThrownBy(() -> PaymentPromise.decode(Arrays.copyOf(good, 73))).isInstanceOf(PromiseFormatException.class);
        byte[] badTag = good.clone();
        badTag[0] = 'X';
        assertThatThrownBy(() -> PaymentPromise.decode(badTag)).hasMessageContaining("tag");
        byte[] badVersion = good.clone();
        badVersion[8] = 9;
        assertThatThrownBy(() -> PaymentPromise.decode(badVersion)).hasMessageContaining("version 9");
        byte[] negative = good.clone();
        negative[58] = (byte) 0x80;
        assertThatThrownBy(() -> PaymentPromise.decode(negative)).hasMessageContaining("negative");
        byte[] zeroSequence = good.clone();
        zeroSequence[73] = 0;
        assertThatThrownBy(() -> PaymentPromise.decode(zeroSequence)).hasMessageContaining("sequence");
    }

    @Test
    void acceptsGrowingPromisesAndKeepsTheLatest() {
        PromiseVerifier verifier = verifier();
        assertThat(verifier.offer(promise(100, 1))).isEqualTo(PromiseOutcome.ACCEPTED);
        assertThat(verifier.offer(promise(100, 2))).isEqualTo(PromiseOutcome.ACCEPTED);
        assertThat(verifier.offer(promise(250, 5))).isEqualTo(PromiseOutcome.ACCEPTED);
        assertThat(verifier.owed()).isEqualTo(Droplets.of(250));
        assertThat(verifier.latest().promise().sequence()).isEqualTo(5);
        assertThat(verifier.count(PromiseOutcome.ACCEPTED)).isEqualTo(3);
    }

    @Test
    void eachRefusalHasItsOwnReasonAndIsCounted() {
        PromiseVerifier verifier = verifier();
        verifier.offer(promise(500, 10));

        byte[] otherSecret = Hashes.sha256("someone else".getBytes());
        SignedPromise forged = new PaymentPromise(PSEUDONYM, ROUTE, Droplets.of(900), 11).sign(SECP, otherSecret);
        SignedPromise tampered = new SignedPromise(
                new PaymentPromise(PSEUDONYM, ROUTE, Droplets.of(5000), 11), promise(600, 11).signature());
        SignedPromise otherRoute = new PaymentPromise(PSEUDONYM, new byte[16], Droplets.of(600), 11).sign(SECP, SECRET);

        assertThat(verifier.offer(forged)).isEqualTo(PromiseOutcome.BAD_SIGNATURE);
        assertThat(verifier.offer(tampered)).isEqualTo(PromiseOutcome.BAD_SIGNATURE);
        assertThat(verifier.offer(otherRoute)).isEqualTo(PromiseOutcome.WRONG_ROUTE);
        assertThat(verifier.offer(promise(500, 10))).isEqualTo(PromiseOutcome.REPEATED_SEQUENCE);
        assertThat(verifier.offer(promise(700, 10))).isEqualTo(PromiseOutcome.REPEATED_SEQUENCE);
        assertThat(verifier.offer(promise(400, 9))).isEqualTo(PromiseOutcome.STALE_SEQUENCE);
        assertThat(verifier.offer(promise(499, 11))).isEqualTo(PromiseOutcome.AMOUNT_DECREASED);
        assertThat(verifier.offer(promise(1_000_001, 12))).isEqualTo(PromiseOutcome.EXCEEDS_LOCKED_BALANCE);
        assertThat(verifier.offer(promise(1_000_000, 13))).isEqualTo(PromiseOutcome.ACCEPTED);

        assertThat(verifier.owed()).isEqualTo(Droplets.ofSky(1));
        assertThat(verifier.counts()).containsEntry(PromiseOutcome.ACCEPTED, 2L)
                .containsEntry(PromiseOutcome.BAD_SIGNATURE, 2L)
                .containsEntry(PromiseOutcome.WRONG_ROUTE, 1L)
                .containsEntry(PromiseOutcome.REPEATED_SEQUENCE, 2L)
                .containsEntry(PromiseOutcome.STALE_SEQUENCE, 1L)
                .containsEntry(PromiseOutcome.AMOUNT_DECREASED, 1L)
                .containsEntry(PromiseOutcome.EXCEEDS_LOCKED_BALANCE, 1L);
    }

    @Test
    void theFirstPromiseIsAlsoBoundedByTheLockedBalance() {
        PromiseVerifier verifier = verifier();
        assertThat(verifier.offer(promise(2_000_000, 1))).isEqualTo(PromiseOutcome.EXCEEDS_LOCKED_BALANCE);
        assertThat(verifier.owed()).isEqualTo(Droplets.ZERO);
        assertThat(verifier.latest()).isNull();
    }
}
