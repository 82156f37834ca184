package io.skywire.node.link;

import static io.skywire.node.link.TestKeys.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HandshakeTest {

    /** BOLT 8 Appendix A uses the Noise name with prologue "lightning". */
    static final NoiseProfile LIGHTNING = new NoiseProfile(NoiseProfile.NOISE_PROTOCOL_NAME, "lightning");

    static final byte[] INITIATOR_SECRET = TestKeys.repeated(0x11);
    static final byte[] RESPONDER_SECRET = TestKeys.repeated(0x21);
    static final byte[] INITIATOR_EPHEMERAL = TestKeys.repeated(0x12);
    static final byte[] RESPONDER_EPHEMERAL = TestKeys.repeated(0x22);

    static final String ACT_ONE = "00036360e856310ce5d294e8be33fc807077dc56ac80d95d9cd4ddbd21325eff73f7"
            + "0df6086551151f58b8afe6c195782c6a";
    static final String ACT_TWO = "0002466d7fcae563e5cb09a0d1870bb580344804617879a14949cf22285f1bae3f27"
            + "6e2470b93aac583c9ef6eafca3f730ae";
    static final String ACT_THREE = "00b9e3a702e93e3a9948c2ed6e5fd7590a6e1c3a0344cfc9d5b57357049aa22355361aa0"
            + "2e55a8fc28fef5bd6d71ad0c38228dc68b1c466263b47fdf31e560e139ba";
    static final String INITIATOR_SEND = "969ab31b4d288cedf6218839b27a3e2140827047f2c0f01bf5c04435d43511a9";
    static final String INITIATOR_RECEIVE = "bb9020b8965f4df047e07f955f3c4b88418984aadc5cdb35096b9ea8fa5c3442";
    static final String CHAINING_KEY = "919219dbb2920afa8db80f9a51787a840bcf111ed8d588caf9ab4be716e42b01";

    static InitiatorHandshake boltInitiator() {
        return new InitiatorHandshake(LIGHTNING, INITIATOR_SECRET, TestKeys.publicOf(RESPONDER_SECRET),
                TestKeys.fixed(INITIATOR_EPHEMERAL));
    }

    static ResponderHandshake boltResponder() {
        return new ResponderHandshake(LIGHTNING, RESPONDER_SECRET, TestKeys.fixed(RESPONDER_EPHEMERAL));
    }

    static byte[] flip(String act, int index, int value) {
        byte[] bytes = hex(act);
        bytes[index] = (byte) value;
        return bytes;
    }

    @Nested
    class Bolt8Vectors {

        @Test
        void initiatorProducesPublishedActsAndKeys() {
            InitiatorHandshake initiator = boltInitiator();
            assertThat(hex(initiator.actOne())).isEqualTo(ACT_ONE);
            assertThat(hex(initiator.actThree(hex(ACT_TWO)))).isEqualTo(ACT_THREE);
            HandshakeResult result = initiator.result();
            assertThat(hex(result.sendKey())).isEqualTo(INITIATOR_SEND);
            assertThat(hex(result.receiveKey())).isEqualTo(INITIATOR_RECEIVE);
            assertThat(hex(result.chainingKey())).isEqualTo(CHAINING_KEY);
            assertThat(result.remoteStatic()).isEqualTo(TestKeys.publicOf(RESPONDER_SECRET));
        }

        @Test
        void responderProducesPublishedActsAndKeys() {
            ResponderHandshake responder = boltResponder();
            assertThat(hex(responder.actTwo(hex(ACT_ONE)))).isEqualTo(ACT_TWO);
            HandshakeResult result = responder.actThree(hex(ACT_THREE));
            assertThat(hex(result.receiveKey())).isEqualTo(INITIATOR_SEND);
            assertThat(hex(result.sendKey())).isEqualTo(INITIATOR_RECEIVE);
            assertThat(hex(result.chainingKey())).isEqualTo(CHAINING_KEY);
            assertThat(result.remoteStatic().hex())
                    .isEqualTo("034f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa");
        }

        @Test
        void initiatorRejectsPublishedBadActTwos() {
            assertFailure(() -> boltInitiator().actThree(null), HandshakeException.Reason.WRONG_STATE);
            assertActTwo(hex(ACT_TWO.substring(0, ACT_TWO.length() - 2)), HandshakeException.Reason.BAD_LENGTH);
            assertActTwo(flip(ACT_TWO, 0, 1), HandshakeException.Reason.BAD_VERSION);
            assertActTwo(flip(ACT_TWO, 1, 4), HandshakeException.Reason.BAD_PUBLIC_KEY);
            assertActTwo(flip(ACT_TWO, 49, 0xaf), HandshakeException.Reason.BAD_TAG);
        }

        @Test
        void responderRejectsPublishedBadActOnes() {
            assertActOne(hex(ACT_ONE.substring(0, ACT_ONE.length() - 2)), HandshakeException.Reason.BAD_LENGTH);
            assertActOne(flip(ACT_ONE, 0, 1), HandshakeException.Reason.BAD_VERSION);
            assertActOne(flip(ACT_ONE, 1, 4), HandshakeException.Reason.BAD_PUBLIC_KEY);
            assertActOne(flip(ACT_ONE, 49, 0x6b), HandshakeException.Reason.BAD_TAG);
        }

        @Test
        void responderRejectsPublishedBadActThrees() {
            assertActThree(flip(ACT_THREE, 0, 1), HandshakeException.Reason.BAD_VERSION);
            assertActThree(hex(ACT_THREE.substring(0, ACT_THREE.length() - 2)), HandshakeException.Reason.BAD_LENGTH);
            assertActThree(flip(ACT_THREE, 1, 0xc9), HandshakeException.Reason.BAD_TAG);
            assertActThree(hex("00bfe3a702e93e3a9948c2ed6e5fd7590a6e1c3a0344cfc9d5b57357049aa2235536ad09a8ee351870c2bb7f"
                    + "78b754a26c6cef79a98d25139c856d7efd252c2ae73c"), HandshakeException.Reason.BAD_PUBLIC_KEY);
            assertActThree(flip(ACT_THREE, 65, 0xbb), HandshakeException.Reason.BAD_TAG);
        }

        private void assertActTwo(byte[] actTwo, HandshakeException.Reason reason) {
            InitiatorHandshake initiator = boltInitiator();
            initiator.actOne();
            assertFailure(() -> initiator.actThree(actTwo), reason);
        }

        private void assertActOne(byte[] actOne, HandshakeException.Reason reason) {
            assertFailure(() -> boltResponder().actTwo(actOne), reason);
        }

        private void assertActThree(byte[] actThree, HandshakeException.Reason reason) {
            ResponderHandshake responder = boltResponder();
            responder.actTwo(hex(ACT_ONE));
            assertFailure(() -> responder.actThree(actThree), reason);
        }
    }

    @Nested
    class SkywireProfile {

        @Test
        void bothSidesAgreeOnKeysAndIdentities() {
            byte[] alice = TestKeys.repeated(0x31);
            byte[] bob = TestKeys.repeated(0x41);
            InitiatorHandshake initiator = new InitiatorHandshake(NoiseProfile.SKYWIRE_LINK_V1, alice,
                    TestKeys.publicOf(bob), TestKeys.seeded(1));
            ResponderHandshake responder = new ResponderHandshake(NoiseProfile.SKYWIRE_LINK_V1, bob,
                    TestKeys.seeded(2));
            byte[] actOne = initiator.actOne();
            byte[] actTwo = responder.actTwo(actOne);
            byte[] actThree = initiator.actThree(actTwo);
            HandshakeResult responderResult = responder.actThree(actThree);
            HandshakeResult initiatorResult = initiator.result();

            assertThat(actOne).hasSize(50);
            assertThat(actTwo).hasSize(50);
            assertThat(actThree).hasSize(66);
            assertThat(initiatorResult.sendKey()).isEqualTo(responderResult.receiveKey());
            assertThat(initiatorResult.receiveKey()).isEqualTo(responderResult.sendKey());
            assertThat(initiatorResult.sendKey()).isNotEqualTo(initiatorResult.receiveKey());
            assertThat(initiatorResult.chainingKey()).isEqualTo(responderResult.chainingKey());
            assertThat(initiatorResult.handshakeHash()).isEqualTo(responderResult.handshakeHash());
            assertThat(responderResult.remoteStatic()).isEqualTo(TestKeys.publicOf(alice));
            assertThat(initiatorResult.remoteStatic()).isEqualTo(TestKeys.publicOf(bob));
        }

        @Test
        void initiatorWithWrongResponderKeyIsRefusedAtActOne() {
            InitiatorHandshake initiator = new InitiatorHandshake(NoiseProfile.SKYWIRE_LINK_V1,
                    TestKeys.repeated(0x31), TestKeys.publicOf(TestKeys.repeated(0x42)), TestKeys.seeded(1));
            ResponderHandshake responder = new ResponderHandshake(NoiseProfile.SKYWIRE_LINK_V1,
                    TestKeys.repeated(0x41), TestKeys.seeded(2));
            assertFailure(() -> responder.actTwo(initiator.actOne()), HandshakeException.Reason.BAD_TAG);
        }

        @Test
        void lightningPeerCannotHandshakeWithSkywirePeer() {
            ResponderHandshake responder = new ResponderHandshake(NoiseProfile.SKYWIRE_LINK_V1, RESPONDER_SECRET,
                    TestKeys.seeded(2));
            assertFailure(() -> responder.actTwo(boltInitiator().actOne()), HandshakeException.Reason.BAD_TAG);
        }

        @Test
        void failedHandshakeCannotBeReused() {
            ResponderHandshake responder = boltResponder();
            assertFailure(() -> responder.actTwo(new byte[50]), HandshakeException.Reason.BAD_PUBLIC_KEY);
            assertFailure(() -> responder.actTwo(hex(ACT_ONE)), HandshakeException.Reason.WRONG_STATE);
        }
    }

    static void assertFailure(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
                              HandshakeException.Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(HandshakeException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
