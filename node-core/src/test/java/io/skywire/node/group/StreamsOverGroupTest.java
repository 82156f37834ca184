package io.skywire.node.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.stream.StreamEvent;
import io.skywire.node.stream.StreamMux;
import io.skywire.node.stream.StreamTarget;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A route group is the same byte pipe a route is: {@link StreamMux} runs over it unchanged, and its streams
 * survive one of the group's routes dying.
 */
class StreamsOverGroupTest {

    @Test
    void aStreamCrossesAGroupThatLosesARoute() throws Exception {
        GroupPair pair = new GroupPair(new GroupConfig(200, 256, 256 * 1024, 4096, false), 3, 8, 17);
        pair.readAtB = false;
        StreamMux client = new StreamMux(true, StreamMux.DEFAULT_WINDOW);
        StreamMux server = new StreamMux(false, StreamMux.DEFAULT_WINDOW);
        byte[] sent = new byte[100_000];
        new SplittableRandom(17).nextBytes(sent);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        int stream = client.open(StreamTarget.of("example.org", 443));
        int offered = 0;
        boolean opened = false;
        byte[] buffer = new byte[8192];
        for (int step = 0; step < 200_000 && received.size() < sent.length; step++) {
            if (opened && offered < sent.length) {
                offered += client.send(stream, sent, offered, sent.length - offered);
            }
            pump(client, pair.a);
            pump(server, pair.b);
            pair.flush();
            if (step == 400) {
                pair.kill(1);
            }
            pair.step();
            int n;
            while ((n = pair.b.read(buffer, 0, buffer.length)) > 0) {
                for (StreamEvent event : server.receive(java.util.Arrays.copyOf(buffer, n))) {
                    if (event instanceof StreamEvent.OpenRequested request) {
                        assertThat(request.target().port()).isEqualTo(443);
                        server.accept(request.streamId());
                    } else if (event instanceof StreamEvent.Data data) {
                        received.write(data.bytes());
                        server.consumed(data.streamId(), data.bytes().length);
                    }
                }
            }
            while ((n = pair.a.read(buffer, 0, buffer.length)) > 0) {
                List<StreamEvent> events = client.receive(java.util.Arrays.copyOf(buffer, n));
                opened |= events.stream().anyMatch(e -> e instanceof StreamEvent.Opened);
            }
        }
        assertThat(java.util.Arrays.equals(received.toByteArray(), sent)).isTrue();
        assertThat(pair.a.liveMembers()).isEqualTo(2);
    }

    /** Moves the mux's pending frames into the group (the test's send buffer is larger than the mux's window). */
    private static void pump(StreamMux mux, RouteGroup group) {
        if (mux.hasOutput()) {
            byte[] out = mux.takeOutput();
            int taken = group.write(out, 0, out.length);
            if (taken < out.length) {
                throw new IllegalStateException("test send buffer too small for the mux's output");
            }
        }
    }
}
