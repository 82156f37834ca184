package io.skywire.node.link;

/** Two ends of a link that completed a real handshake with seeded keys, for transport tests. */
record LinkPair(LinkCipher initiator, LinkCipher responder, HandshakeResult initiatorKeys,
                HandshakeResult responderKeys) {

    static final byte[] INITIATOR_SECRET = TestKeys.repeated(0x31);
    static final byte[] RESPONDER_SECRET = TestKeys.repeated(0x41);

    static HandshakeResult[] handshake(long seed) {
        InitiatorHandshake initiator = new InitiatorHandshake(NoiseProfile.SKYWIRE_LINK_V1, INITIATOR_SECRET,
                TestKeys.publicOf(RESPONDER_SECRET), TestKeys.seeded(seed));
        ResponderHandshake responder = new ResponderHandshake(NoiseProfile.SKYWIRE_LINK_V1, RESPONDER_SECRET,
                TestKeys.seeded(seed + 1));
        byte[] actTwo = responder.actTwo(initiator.actOne());
        byte[] actThree = initiator.actThree(actTwo);
        HandshakeResult responderResult = responder.actThree(actThree);
        return new HandshakeResult[] {initiator.result(), responderResult};
    }

    static LinkPair create(RekeyPolicy policy, long seed, long nowNanos) {
        HandshakeResult[] keys = handshake(seed);
        return new LinkPair(new LinkCipher(keys[0], policy, TestKeys.seeded(seed + 2), nowNanos),
                new LinkCipher(keys[1], policy, TestKeys.seeded(seed + 3), nowNanos), keys[0], keys[1]);
    }
}
