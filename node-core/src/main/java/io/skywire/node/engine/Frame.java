package io.skywire.node.engine;

/** The messages packed into a link datagram. */
public sealed interface Frame {

    /** Frame type byte of an acknowledgement. */
    int ACK = 0x01;
    /** Frame type byte of a route payload. */
    int DATA = 0x02;
    /** Frame type byte of a credit update. */
    int CREDIT = 0x03;
    /** Frame type byte of a route setup. */
    int SETUP = 0x04;
    /** Frame type byte of a setup confirmation. */
    int CONFIRM = 0x05;
    /** Frame type byte of a route error. */
    int ERROR = 0x06;
    /** Frame type byte of a teardown. */
    int TEARDOWN = 0x07;
    /** Frame type byte of a keep-alive. */
    int KEEPALIVE = 0x08;
    /** Frame type byte of a payment message from a route's origin to one of its hops (0x0C-0x0E are payments'). */
    int PAYMENT = 0x0C;
    /** Frame type byte of a BLOCK or UNBLOCK of one route (per-sender buffer policy; the flag byte says which). */
    int BLOCK = 0x0F;

    /** Bytes before the payload of a DATA frame: type, route id, offset, length. */
    int DATA_OVERHEAD = 1 + RouteId.BYTES + 8 + 2;
    /** Bytes of the bitmap that acknowledges the 256 packet numbers below the largest. */
    int ACK_BITMAP_BYTES = 32;

    /** Encoded size in bytes. */
    int encodedLength();

    /**
     * Datagram received: {@code largest} and, for bit i of {@code bitmap} (byte i/8, least significant bit
     * first), packet {@code largest - 1 - i}.
     */
    record Ack(long largest, long ackDelayMicros, byte[] bitmap) implements Frame {
        @Override
        public int encodedLength() {
            return 1 + 8 + 4 + 1 + bitmap.length;
        }
    }

    /** A route payload at byte offset {@code offset} of this hop's stream for the route. */
    record Data(RouteId route, long offset, byte[] payload) implements Frame {
        @Override
        public int encodedLength() {
            return DATA_OVERHEAD + payload.length;
        }
    }

    /** The receiver may be sent route bytes up to, not including, offset {@code limit}. */
    record Credit(RouteId route, long limit) implements Frame {
        @Override
        public int encodedLength() {
            return 1 + RouteId.BYTES + 8;
        }
    }

    /** A route setup: {@code route} is the id the receiver uses to answer; {@code onion} is sealed to it. */
    record Setup(RouteId route, byte[] onion) implements Frame {
        @Override
        public int encodedLength() {
            return 1 + RouteId.BYTES + 2 + onion.length;
        }
    }

    /** Setup succeeded downstream; send forward on {@code newRoute}; {@code proof} is the destination's MAC. */
    record Confirm(RouteId route, RouteId newRoute, byte[] proof) implements Frame {
        /** Length of the destination's proof. */
        public static final int PROOF_BYTES = 16;

        @Override
        public int encodedLength() {
            return 1 + RouteId.BYTES * 2 + PROOF_BYTES;
        }
    }

    /** The route failed downstream; relayed hop by hop to the origin. */
    record Error(RouteId route, FailureReason reason) implements Frame {
        @Override
        public int encodedLength() {
            return 1 + RouteId.BYTES + 1;
        }
    }

    /** The route is closed; relayed hop by hop to the far end. */
    record Teardown(RouteId route, FailureReason reason) implements Frame {
        @Override
        public int encodedLength() {
            return 1 + RouteId.BYTES + 1;
        }
    }

    /** The route is still wanted; relayed hop by hop to the destination. */
    record Keepalive(RouteId route) implements Frame {
        @Override
        public int encodedLength() {
            return 1 + RouteId.BYTES;
        }
    }

    /** A sealed payment message travelling from the origin towards the hop whose key opens it. */
    record Payment(RouteId route, byte[] body) implements Frame {
        @Override
        public int encodedLength() {
            return 1 + RouteId.BYTES + 2 + body.length;
        }
    }

    /**
     * Per-sender buffer policy: stop ({@code block}) or resume sending on {@code route}; {@code sequence} orders a
     * link's BLOCK and UNBLOCK frames, so a late resend of an older one changes nothing.
     */
    record Block(RouteId route, boolean block, long sequence) implements Frame {
        /** Flag bit 0: set for BLOCK, clear for UNBLOCK; the other bits are zero. */
        public static final int FLAG_BLOCK = 0x01;
        /** Encoded length: type, flags, route id, sequence. */
        public static final int BYTES = 1 + 1 + RouteId.BYTES + 8;

        @Override
        public int encodedLength() {
            return BYTES;
        }
    }
}
