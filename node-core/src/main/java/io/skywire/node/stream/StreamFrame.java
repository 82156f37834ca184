package io.skywire.node.stream;

import java.util.Objects;

/** One message of the stream protocol that runs inside a route's payload (docs/PROTOCOL.md, section 3). */
public sealed interface StreamFrame {

    /** The stream this frame belongs to (never 0). */
    int streamId();

    /** Asks the far end to connect to {@code target}; {@code window} is how many bytes the opener accepts at first. */
    record Open(int streamId, int window, StreamTarget target) implements StreamFrame {
        public Open {
            Objects.requireNonNull(target, "target");
        }
    }

    /** The far end connected; {@code window} is how many bytes it accepts at first. */
    record Opened(int streamId, int window) implements StreamFrame {
    }

    /** Stream bytes, 1..{@link StreamCodec#MAX_DATA} of them. */
    record Data(int streamId, byte[] bytes) implements StreamFrame {
        public Data {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Data that && streamId == that.streamId && java.util.Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return 31 * streamId + java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Data[streamId=" + streamId + ", length=" + bytes.length + "]";
        }
    }

    /** The sender will send no more bytes on this stream (a TCP half-close). */
    record Fin(int streamId) implements StreamFrame {
    }

    /** The stream is gone at once in both directions (refused, a TCP reset, or a local error). */
    record Reset(int streamId, ResetReason reason) implements StreamFrame {
        public Reset {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The sender accepts {@code increment} more bytes on this stream. */
    record WindowUpdate(int streamId, int increment) implements StreamFrame {
    }

    /**
     * An end-to-end probe: a PING ({@code reply} false), which the far end answers with a PONG ({@code reply} true)
     * carrying the same id and body. The id field names the probe, not a stream; the body
     * (8..{@link StreamCodec#MAX_BODY} bytes) lets a probe measure throughput as well as round-trip time.
     */
    record Probe(int streamId, boolean reply, byte[] body) implements StreamFrame {
        public Probe {
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        /** The answer to this PING. */
        Probe answer() {
            return new Probe(streamId, true, body);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Probe that && streamId == that.streamId && reply == that.reply
                    && java.util.Arrays.equals(body, that.body);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * streamId + Boolean.hashCode(reply)) + java.util.Arrays.hashCode(body);
        }

        @Override
        public String toString() {
            return (reply ? "Pong" : "Ping") + "[id=" + streamId + ", length=" + body.length + "]";
        }
    }
}
