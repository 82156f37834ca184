package io.skywire.node.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.node.crypto.Aead;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.node.payment.PaymentSeal;
import io.skywire.node.payment.Pricing;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Wire formats round-trip, and corrupted or random input fails only with DecodeException. */
class CodecTest {

    @Test
    void everyFrameTypeRoundTrips() throws DecodeException {
        RouteId id = new RouteId(0x0102030405060708L, 0x1112131415161718L);
        List<Frame> frames = List.of(new Frame.Ack(99, 250, new byte[] {5, 0, 1}), new Frame.Data(id, 77, new byte[] {1, 2}),
                new Frame.Credit(id, 1 << 20), new Frame.Setup(id, new byte[] {9, 9, 9}),
                new Frame.Confirm(id, new RouteId(3, 4), new byte[16]), new Frame.Error(id, FailureReason.NO_CAPACITY),
                new Frame.Teardown(id, FailureReason.CLOSED), new Frame.Keepalive(id));
        DatagramCodec.Datagram decoded = DatagramCodec.decode(EnginePair.datagram(42, frames.toArray(new Frame[0])));
        assertThat(decoded.packetNumber()).isEqualTo(42);
        assertThat(decoded.frames()).hasSize(frames.size());
        assertThat(decoded.frames().get(1)).isInstanceOfSatisfying(Frame.Data.class, data -> {
            assertThat(data.route()).isEqualTo(id);
            assertThat(data.offset()).isEqualTo(77);
            assertThat(data.payload()).containsExactly(1, 2);
        });
        assertThat(decoded.frames().get(2)).isEqualTo(new Frame.Credit(id, 1 << 20));
        assertThat(decoded.frames().get(5)).isEqualTo(new Frame.Error(id, FailureReason.NO_CAPACITY));
    }

    @Test
    void truncationsAndBitFlipsOfAValidDatagramFailOnlyWithDecodeException() {
        RouteId id = new RouteId(1, 2);
        byte[] valid = EnginePair.datagram(7, new Frame.Ack(5, 1, new byte[4]), new Frame.Data(id, 0, new byte[50]),
                new Frame.Credit(id, 9), new Frame.Error(id, FailureReason.REFUSED));
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 20_000; i++) {
            byte[] mutated = java.util.Arrays.copyOf(valid, random.nextInt(valid.length + 1));
            if (mutated.length > 0) {
                mutated[random.nextInt(mutated.length)] ^= (byte) (1 << random.nextInt(8));
            }
            try {
                DatagramCodec.decode(mutated);
            } catch (DecodeException expected) {
                // The one allowed failure.
            }
        }
        assertThatThrownBy(() -> DatagramCodec.decode(new byte[0])).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> DatagramCodec.decode(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0}))
                .isInstanceOf(DecodeException.class);
    }

    @Test
    void onionLayersOpenOnlyAtTheirHopAndRevealOnlyTheNextHop() throws DecodeException {
        EnginePair keys = new EnginePair(3);
        SplittableRandom random = new SplittableRandom(8);
        byte[] s1 = keys.secret(random);
        byte[] s2 = keys.secret(random);
        byte[] p1 = keys.curve.publicKey(s1);
        byte[] p2 = keys.curve.publicKey(s2);
        Aead aead = new Aead();
        SetupOnion.Built built = SetupOnion.build(keys.curve, aead, random::nextBytes, List.of(p1, p2),
                QosClass.REAL_TIME, ForwardingMode.CUT_THROUGH, 20_000);
        assertThat(built.onion()).hasSize(SetupOnion.size(2));
        assertThatThrownBy(() -> SetupOnion.peel(keys.curve, aead, s2, built.onion())).isInstanceOf(DecodeException.class);
        SetupOnion.Layer first = SetupOnion.peel(keys.curve, aead, s1, built.onion());
        assertThat(first.destination()).isFalse();
        assertThat(first.nextHop()).isEqualTo(p2);
        assertThat(first.qos()).isEqualTo(QosClass.REAL_TIME);
        SetupOnion.Layer last = SetupOnion.peel(keys.curve, aead, s2, first.inner());
        assertThat(last.destination()).isTrue();
        assertThat(last.bufferBytes()).isEqualTo(20_000);
        assertThat(last.originToDestination()).isEqualTo(built.sendKey());
        assertThat(last.destinationToOrigin()).isEqualTo(built.receiveKey());
        assertThat(last.proof()).isEqualTo(built.proof());
        byte[] tampered = first.inner().clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> SetupOnion.peel(Secp256k1Provider.get(), new Aead(), s2, tampered))
                .isInstanceOf(DecodeException.class);
    }

    @Test
    void paymentFramesRoundTripAndBodiesOutsideTheSealsBoundsAreMalformed() throws DecodeException {
        RouteId id = new RouteId(5, 6);
        byte[] body = new byte[PaymentSeal.OVERHEAD + 140];
        body[3] = 7;
        DatagramCodec.Datagram decoded = DatagramCodec.decode(EnginePair.datagram(1, new Frame.Payment(id, body)));
        assertThat(decoded.frames()).singleElement().isInstanceOfSatisfying(Frame.Payment.class, payment -> {
            assertThat(payment.route()).isEqualTo(id);
            assertThat(payment.body()).isEqualTo(body);
        });
        byte[] tooShort = EnginePair.datagram(1, new Frame.Payment(id, new byte[PaymentSeal.OVERHEAD - 1]));
        assertThatThrownBy(() -> DatagramCodec.decode(tooShort)).isInstanceOf(DecodeException.class);
        byte[] tooLong = EnginePair.datagram(1, new Frame.Payment(id,
                new byte[PaymentSeal.OVERHEAD + PaymentSeal.MAX_MESSAGE_BYTES + 1]));
        assertThatThrownBy(() -> DatagramCodec.decode(tooLong)).isInstanceOf(DecodeException.class);
    }

    @Test
    void paidLayersCarryTheirHopsPriceAndAPaymentKeyOnlyTheOriginAndThatHopShare() throws DecodeException {
        EnginePair keys = new EnginePair(3);
        SplittableRandom random = new SplittableRandom(9);
        byte[] s1 = keys.secret(random);
        byte[] s2 = keys.secret(random);
        byte[] s3 = keys.secret(random);
        List<byte[]> path = List.of(keys.curve.publicKey(s1), keys.curve.publicKey(s2), keys.curve.publicKey(s3));
        Aead aead = new Aead();
        SetupOnion.Built built = SetupOnion.build(keys.curve, aead, random::nextBytes, path, QosClass.BULK,
                ForwardingMode.STORE_AND_FORWARD, 20_000, List.of(700L, 0L));
        assertThat(built.onion()).hasSize(SetupOnion.size(3, 2));
        SetupOnion.Layer first = SetupOnion.peel(keys.curve, aead, s1, built.onion());
        SetupOnion.Layer second = SetupOnion.peel(keys.curve, aead, s2, first.inner());
        SetupOnion.Layer last = SetupOnion.peel(keys.curve, aead, s3, second.inner());
        assertThat(first.pricePerGb()).isEqualTo(700);
        assertThat(second.pricePerGb()).isZero();
        assertThat(second.paid()).isTrue();
        assertThat(last.paid()).isFalse();
        assertThat(last.paymentKey()).isNull();
        assertThat(first.paymentKey()).isEqualTo(built.paymentKeys()[0]);
        assertThat(second.paymentKey()).isEqualTo(built.paymentKeys()[1]).isNotEqualTo(first.paymentKey());
        assertThat(built.paymentKeys()[2]).isNull();

        PaymentSeal seal = new PaymentSeal(aead);
        byte[] sealed = seal.seal(first.paymentKey(), 3, new byte[] {1, 2, 3});
        assertThat(seal.open(first.paymentKey(), sealed)).containsExactly(1, 2, 3);
        assertThat(seal.open(second.paymentKey(), sealed)).as("another hop's key").isNull();
        sealed[0] ^= 1;
        assertThat(seal.open(first.paymentKey(), sealed)).as("the counter is authenticated").isNull();

        SetupOnion.Built unpaid = SetupOnion.build(keys.curve, aead, random::nextBytes, path, QosClass.BULK,
                ForwardingMode.STORE_AND_FORWARD, 20_000);
        assertThat(unpaid.onion()).hasSize(SetupOnion.size(3));
        assertThat(SetupOnion.peel(keys.curve, aead, s1, unpaid.onion()).paid()).isFalse();
    }

    @Test
    void owingRoundsUpAndCoverageRoundsDownWithoutOverflow() {
        assertThat(Pricing.owed(1, 1)).isEqualTo(1);
        assertThat(Pricing.owed(1_000_000_000L, 7)).isEqualTo(7);
        assertThat(Pricing.owed(1_000_000_001L, 7)).isEqualTo(8);
        assertThat(Pricing.covered(7, 7)).isEqualTo(1_000_000_000L);
        assertThat(Pricing.covered(8, 7)).isEqualTo(1_142_857_142L);
        assertThat(Pricing.covered(5, 0)).isEqualTo(Long.MAX_VALUE);
        // Beyond 2^63 in the product: still exact.
        assertThat(Pricing.owed(1L << 40, 50_000_000_000L)).isEqualTo(54_975_581_388_800L);
        assertThat(Pricing.covered(Long.MAX_VALUE / 2, 1)).isEqualTo(Long.MAX_VALUE);
        for (long bytes : new long[] {0, 1, 999, 123_456_789, 10_000_000_000L}) {
            long owed = Pricing.owed(bytes, 30_000_000);
            assertThat(Pricing.covered(owed, 30_000_000)).isGreaterThanOrEqualTo(bytes);
        }
        assertThatThrownBy(() -> Pricing.owed(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
