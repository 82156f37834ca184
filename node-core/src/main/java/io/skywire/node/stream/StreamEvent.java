package io.skywire.node.stream;

/** What the far end of a {@link StreamMux} did, for the application to act on. */
public sealed interface StreamEvent {

    /** The stream concerned. */
    int streamId();

    /** The far end asks this end to connect the new stream to {@code target}; answer with accept or reset. */
    record OpenRequested(int streamId, StreamTarget target) implements StreamEvent {
    }

    /** A stream this end opened was accepted; data may flow both ways. */
    record Opened(int streamId) implements StreamEvent {
    }

    /** Bytes for the application; report them with {@link StreamMux#consumed} once they left this node. */
    record Data(int streamId, byte[] bytes) implements StreamEvent {
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

    /** The far end sends no more bytes. */
    record Fin(int streamId) implements StreamEvent {
    }

    /** The stream is gone (refused before it opened, or reset); it no longer exists in the mux. */
    record Reset(int streamId, ResetReason reason) implements StreamEvent {
    }

    /** The far end granted more window: bytes that did not fit before may now be sent. */
    record Writable(int streamId) implements StreamEvent {
    }

    /** The answer to a {@link StreamMux#ping}: {@code streamId} is the probe's id, {@code length} its body size. */
    record Pong(int streamId, byte[] body) implements StreamEvent {
        @Override
        public boolean equals(Object other) {
            return other instanceof Pong that && streamId == that.streamId && java.util.Arrays.equals(body, that.body);
        }

        @Override
        public int hashCode() {
            return 31 * streamId + java.util.Arrays.hashCode(body);
        }

        @Override
        public String toString() {
            return "Pong[id=" + streamId + ", length=" + body.length + "]";
        }
    }
}
