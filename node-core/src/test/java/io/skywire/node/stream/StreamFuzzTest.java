package io.skywire.node.stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * Jazzer fuzz tests: arbitrary bytes given to the stream frame decoder and to a whole mux (as a route would deliver
 * them) yield frames, events or a {@link StreamProtocolException}, never another exception. Without JAZZER_FUZZ they
 * replay their seeds as regression tests.
 */
class StreamFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void frameDecoderOnlyFailsWithStreamProtocolException(byte[] input) {
        ByteBuffer in = ByteBuffer.wrap(input);
        int frames = 0;
        try {
            while (StreamCodec.decode(in) != null) {
                frames++;
            }
        } catch (StreamProtocolException expected) {
            // The one allowed failure.
        }
        if (frames > input.length / StreamCodec.HEADER_BYTES) {
            throw new IllegalStateException("more frames than the input can hold");
        }
    }

    @FuzzTest(maxDuration = "30s")
    void muxOnlyFailsWithStreamProtocolException(byte[] input) {
        StreamMux mux = new StreamMux(false, StreamCodec.MAX_DATA);
        try {
            for (StreamEvent event : mux.receive(input)) {
                if (event instanceof StreamEvent.OpenRequested open) {
                    mux.accept(open.streamId());
                } else if (event instanceof StreamEvent.Data data) {
                    mux.consumed(data.streamId(), data.bytes().length);
                }
            }
            mux.takeOutput();
        } catch (StreamProtocolException expected) {
            // The one allowed failure.
        }
    }
}
