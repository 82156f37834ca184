package io.skywire.node.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Two muxes wired back to back: open, accept, refuse, data within windows, half-close, reset and protocol breaches. */
class StreamMuxTest {

    private static final int WINDOW = 65_536;
    private final StreamMux client = new StreamMux(true, WINDOW);
    private final StreamMux gateway = new StreamMux(false, WINDOW);

    private static List<StreamEvent> pipe(StreamMux from, StreamMux to) throws StreamProtocolException {
        return to.receive(from.takeOutput());
    }

    private int openStream() throws StreamProtocolException {
        int id = client.open(StreamTarget.of("example.org", 80));
        List<StreamEvent> requested = pipe(client, gateway);
        assertThat(requested).containsExactly(new StreamEvent.OpenRequested(id, StreamTarget.of("example.org", 80)));
        gateway.accept(id);
        assertThat(pipe(gateway, client)).containsExactly(new StreamEvent.Opened(id));
        return id;
    }

    @Test
    void clientOpensOddIdsAndTheGatewayAcceptsOrRefuses() throws StreamProtocolException {
        assertThat(openStream()).isEqualTo(1);
        int refused = client.open(StreamTarget.of("10.0.0.1", 22));
        assertThat(refused).isEqualTo(3);
        pipe(client, gateway);
        gateway.reset(refused, ResetReason.NOT_ALLOWED);
        assertThat(pipe(gateway, client)).containsExactly(new StreamEvent.Reset(refused, ResetReason.NOT_ALLOWED));
        assertThat(client.exists(refused)).isFalse();
        assertThat(client.sendWindow(1)).isEqualTo(WINDOW);
    }

    @Test
    void aSenderStopsAtTheWindowAndResumesWhenTheReaderConsumes() throws StreamProtocolException {
        int id = openStream();
        byte[] big = new byte[WINDOW + 10_000];
        assertThat(client.send(id, big, 0, big.length)).isEqualTo(WINDOW);
        assertThat(client.send(id, big, 0, 1)).isZero();
        List<StreamEvent> received = pipe(client, gateway);
        assertThat(received).hasSize(WINDOW / StreamCodec.MAX_DATA).allMatch(e -> e instanceof StreamEvent.Data);
        gateway.consumed(id, WINDOW / 4 - 1);
        assertThat(gateway.hasOutput()).as("credit is batched").isFalse();
        gateway.consumed(id, 1);
        assertThat(pipe(gateway, client)).containsExactly(new StreamEvent.Writable(id));
        assertThat(client.sendWindow(id)).isEqualTo(WINDOW / 4);
    }

    @Test
    void oneStuckStreamDoesNotStopAnother() throws StreamProtocolException {
        int slow = openStream();
        int fast = openStream();
        byte[] chunk = new byte[WINDOW];
        client.send(slow, chunk, 0, chunk.length);
        pipe(client, gateway);
        long delivered = 0;
        for (int round = 0; round < 10; round++) {
            assertThat(client.send(fast, chunk, 0, chunk.length)).isEqualTo(WINDOW);
            for (StreamEvent event : pipe(client, gateway)) {
                if (event instanceof StreamEvent.Data data && data.streamId() == fast) {
                    delivered += data.bytes().length;
                    gateway.consumed(fast, data.bytes().length);
                }
            }
            pipe(gateway, client);
        }
        assertThat(delivered).isEqualTo(10L * WINDOW);
        assertThat(client.sendWindow(slow)).isZero();
    }

    @Test
    void halfCloseInBothDirectionsForgetsTheStream() throws StreamProtocolException {
        int id = openStream();
        client.finish(id);
        assertThat(client.sendWindow(id)).isZero();
        assertThat(pipe(client, gateway)).containsExactly(new StreamEvent.Fin(id));
        byte[] reply = {7, 7};
        assertThat(gateway.send(id, reply, 0, 2)).isEqualTo(2);
        gateway.finish(id);
        assertThat(pipe(gateway, client)).containsExactly(new StreamEvent.Data(id, reply), new StreamEvent.Fin(id));
        assertThat(client.streamCount()).isZero();
        assertThat(gateway.streamCount()).isZero();
    }

    @Test
    void dataBeyondTheWindowResetsOnlyThatStream() throws StreamProtocolException {
        int id = openStream();
        int other = openStream();
        byte[] frames = new byte[0];
        for (int i = 0; i <= WINDOW / StreamCodec.MAX_DATA; i++) {
            byte[] frame = StreamCodec.encode(new StreamFrame.Data(id, new byte[StreamCodec.MAX_DATA]));
            byte[] joined = new byte[frames.length + frame.length];
            System.arraycopy(frames, 0, joined, 0, frames.length);
            System.arraycopy(frame, 0, joined, frames.length, frame.length);
            frames = joined;
        }
        List<StreamEvent> events = gateway.receive(frames);
        assertThat(events.get(events.size() - 1)).isEqualTo(new StreamEvent.Reset(id, ResetReason.FLOW_CONTROL));
        assertThat(gateway.exists(id)).isFalse();
        assertThat(gateway.exists(other)).isTrue();
        assertThat(pipe(gateway, client)).containsExactly(new StreamEvent.Reset(id, ResetReason.FLOW_CONTROL));
    }

    @Test
    void bytesSplitAnywhereDecodeTheSame() throws StreamProtocolException {
        int id = client.open(StreamTarget.of("2001:db8::2", 443));
        byte[] bytes = client.takeOutput();
        for (int i = 0; i < bytes.length - 1; i++) {
            assertThat(gateway.receive(new byte[] {bytes[i]})).isEmpty();
        }
        assertThat(gateway.receive(new byte[] {bytes[bytes.length - 1]}))
                .containsExactly(new StreamEvent.OpenRequested(id, StreamTarget.of("2001:db8::2", 443)));
    }

    @Test
    void reusedOrWrongParityStreamIdsBreakTheProtocol() throws StreamProtocolException {
        openStream();
        byte[] again = StreamCodec.encode(new StreamFrame.Open(1, WINDOW, StreamTarget.of("a.io", 1)));
        assertThatThrownBy(() -> gateway.receive(again)).isInstanceOf(StreamProtocolException.class);
        byte[] even = StreamCodec.encode(new StreamFrame.Open(4, WINDOW, StreamTarget.of("a.io", 1)));
        assertThatThrownBy(() -> new StreamMux(false, WINDOW).receive(even)).isInstanceOf(StreamProtocolException.class);
    }

    @Test
    void framesForForgottenStreamsAreIgnored() throws StreamProtocolException {
        int id = openStream();
        client.reset(id, ResetReason.CANCELLED);
        byte[] late = StreamCodec.encode(new StreamFrame.Data(id, new byte[] {1}));
        assertThat(client.receive(late)).isEmpty();
        assertThat(pipe(client, gateway)).containsExactly(new StreamEvent.Reset(id, ResetReason.CANCELLED));
    }

    @Test
    void aPingIsAnsweredWithItsIdAndBodyWithoutTouchingStreams() throws StreamProtocolException {
        int stream = openStream();
        byte[] body = new byte[4096];
        body[0] = 42;
        int first = client.ping(body);
        int second = client.ping(new byte[8]);
        assertThat(second).isNotEqualTo(first);
        assertThat(pipe(client, gateway)).isEmpty();
        assertThat(pipe(gateway, client)).containsExactly(new StreamEvent.Pong(first, body),
                new StreamEvent.Pong(second, new byte[8]));
        assertThat(client.sendWindow(stream)).isEqualTo(WINDOW);
        assertThat(gateway.streamCount()).isOne();
    }

    @Test
    void aPeerPingingFasterThanTheRouteDrainsIsNotAnsweredWithoutBound() throws StreamProtocolException {
        byte[] body = new byte[StreamCodec.MAX_BODY];
        for (int i = 0; i < 64; i++) {
            client.ping(body);
        }
        gateway.receive(client.takeOutput());
        assertThat(gateway.takeOutput().length).isLessThanOrEqualTo(StreamMux.MAX_PENDING_PONG_BYTES);
        assertThat(gateway.unansweredPings()).isPositive();
    }
}
