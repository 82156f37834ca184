package io.skywire.node.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.identity.NodeId;
import io.skywire.node.identity.NodeKeyPair;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.runtime.RouteKindCounter;
import io.skywire.node.runtime.RouteSession;
import io.skywire.node.service.sync.LogEntry;
import io.skywire.node.service.sync.SyncMessages;
import io.skywire.node.service.sync.SyncService;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input over real routes on 127.0.0.1: node X (no service host, writing raw bytes) against node Y (a host
 * with the sync service and a service whose handler throws). Garbage and forged openings, unknown types and
 * versions, oversized bodies, a flood, forged log entries, a broken frame length and a crashing handler are all
 * refused or absorbed, counted, and Y keeps serving.
 */
class ServiceHostileInputTest {

    private static final int CRASHY_CHANNEL = 9;

    @TempDir
    Path dir;

    record Text(String text) {
    }

    static final MessageType<Text> TEXT = MessageType.of(1, 1, Text.class, 100, new MessageType.Codec<>() {
        @Override
        public void encode(Text message, BodyWriter out) {
            out.utf8(message.text());
        }

        @Override
        public Text decode(BodyReader in) throws MessageFormatException {
            return new Text(in.utf8(100, "text"));
        }
    });

    /** Throws on "boom"; counts what it handled since its last (re)start. */
    static final class Crashy implements Service {
        final AtomicInteger starts = new AtomicInteger();
        final List<String> handled = new CopyOnWriteArrayList<>();

        @Override
        public int channel() {
            return CRASHY_CHANNEL;
        }

        @Override
        public String name() {
            return "crashy";
        }

        @Override
        public List<MessageType<?>> messages() {
            return List.of(TEXT);
        }

        @Override
        public void start(ServiceContext context, Handlers handlers) {
            starts.incrementAndGet();
            handlers.on(TEXT, (from, message) -> {
                if (message.text().equals("boom")) {
                    throw new IllegalStateException("boom");
                }
                handled.add(message.text());
            });
        }
    }

    /** X's raw end of a route to Y, with what Y sends back cut into frames. */
    private static final class Raw {
        final RouteSession session;
        final List<ServiceFrames.Frame> frames = new CopyOnWriteArrayList<>();
        final ServiceFrames.Reader reader = new ServiceFrames.Reader();

        Raw(RouteSession session) {
            this.session = session;
            session.onReceive(bytes -> {
                try {
                    frames.addAll(reader.feed(bytes));
                } catch (ServiceFrames.BrokenStreamException e) {
                    throw new AssertionError(e);
                }
            });
        }

        void send(byte[] bytes) throws Exception {
            LoopbackNodes.await(session.send(bytes));
        }
    }

    private static Raw route(NodeRuntime from, NodeRuntime to) throws Exception {
        return new Raw(LoopbackNodes.await(from.openRoute(List.of(to.nodeId()))));
    }

    private static byte[] open(NodeKeyPair keys, int channel, NodeId to) {
        return ServiceOpen.sign(keys, channel, to, new byte[16]).encode();
    }

    @Test
    void hostileInputIsRefusedCountedAndRateLimitedAndTheNodeKeepsServing() throws Exception {
        try (LoopbackNodes nodes = new LoopbackNodes(dir)) {
            NodeRuntime y = nodes.start("y", Set.of());
            NodeRuntime x = nodes.start("x", Set.of());
            NodeKeyPair xKeys = LoopbackNodes.keys(nodes.dataDir("x"));
            NodeKeyPair authorKeys = LoopbackNodes.keys(nodes.dataDir("author"));
            LoopbackNodes.linkedAll(List.of(x, y));
            ServiceHost host = nodes.host(y, "y", ServiceHost.Settings.defaults().withPerPeerRate(100, 200));
            SyncService sync = new SyncService(LoopbackNodes.keys(nodes.dataDir("y")), nodes.dataDir("y")
                    .resolve("sync"), List.of(authorKeys.nodeId()));
            host.register(sync);
            Crashy crashy = new Crashy();
            host.register(crashy);
            ServiceCounters counters = host.counters();

            // Openings: garbage (no route kind Y serves: the node refuses it), and a real signature made for another
            // destination (a service route: the host refuses it).
            route(x, y).send("GET / HTTP/1.1\r\n\r\n".repeat(10).getBytes(StandardCharsets.US_ASCII));
            route(x, y).send(open(xKeys, SyncMessages.CHANNEL, x.nodeId()));
            LoopbackNodes.eventually("two openings refused", () -> counters.get(ServiceCounter.OPENS_REFUSED) == 1
                    && y.routeKinds().counters().get(RouteKindCounter.UNKNOWN_KIND) == 1);

            // Unknown type, unknown version, oversized body: each refused with its reason, sent back as REFUSED.
            Raw raw = route(x, y);
            raw.send(open(xKeys, SyncMessages.CHANNEL, y.nodeId()));
            raw.send(ServiceFrames.encode(0x7E, 1, new byte[3]));
            raw.send(ServiceFrames.encode(SyncMessages.HEAD.type(), 9, new byte[73]));
            raw.send(ServiceFrames.encode(SyncMessages.HEAD.type(), 1, new byte[5_000]));
            raw.send(ServiceFrames.encode(SyncMessages.HEAD.type(), 1, new byte[7])); // truncated: malformed
            LoopbackNodes.eventually("four refusals", () -> counters.get(ServiceCounter.REFUSED_UNKNOWN_TYPE) == 1
                    && counters.get(ServiceCounter.REFUSED_UNKNOWN_VERSION) == 1
                    && counters.get(ServiceCounter.REFUSED_OVERSIZED) == 1
                    && counters.get(ServiceCounter.REFUSED_MALFORMED) == 1);
            LoopbackNodes.eventually("X got four REFUSED messages", () -> raw.frames.size() >= 4);
            MessageCodec codec = new MessageCodec(SyncMessages.ALL);
            List<Refusal> reasons = raw.frames.stream().map(codec::decode)
                    .map(decoded -> ((HostMessages.Refused) ((MessageCodec.Message) decoded).message()).reason())
                    .toList();
            assertThat(reasons).containsExactly(Refusal.UNKNOWN_TYPE, Refusal.UNKNOWN_VERSION, Refusal.OVERSIZED,
                    Refusal.MALFORMED);

            // A flood of 3,000 messages in one write: beyond the per-peer burst they are dropped unread.
            Raw flood = route(x, y);
            flood.send(open(xKeys, CRASHY_CHANNEL, y.nodeId()));
            ByteArrayOutputStream many = new ByteArrayOutputStream();
            for (int i = 0; i < 3_000; i++) {
                many.writeBytes(new MessageCodec(List.of(TEXT)).encode(new Text("m" + i)));
            }
            flood.send(many.toByteArray());
            LoopbackNodes.eventually("the flood is read", () -> counters.get(ServiceCounter.MESSAGES_RECEIVED) >= 3_004);
            assertThat(counters.get(ServiceCounter.REFUSED_RATE_LIMITED)).isGreaterThan(2_000);
            LoopbackNodes.eventually("what passed is handled", () -> crashy.handled.size()
                    == 3_000 - counters.get(ServiceCounter.REFUSED_RATE_LIMITED)
                    - counters.get(ServiceCounter.REFUSED_QUEUE_FULL));
            Thread.sleep(2_500); // the bucket refills at 100/s

            // A handler that throws: logged, counted, the service restarted, the next message handled.
            flood.send(new MessageCodec(List.of(TEXT)).encode(new Text("boom")));
            flood.send(new MessageCodec(List.of(TEXT)).encode(new Text("after")));
            LoopbackNodes.eventually("handled after the restart", () -> crashy.handled.contains("after"));
            assertThat(counters.get(ServiceCounter.HANDLER_CRASHES)).isEqualTo(1);
            assertThat(counters.get(ServiceCounter.SERVICE_RESTARTS)).isEqualTo(1);
            assertThat(crashy.starts.get()).isEqualTo(2);

            // Entries for a followed log signed by another key: refused, not stored, the sender reported.
            LogEntry forged = LogEntry.signed(xKeys, authorKeys.nodeId(), 1, new byte[32],
                    "forged".getBytes(StandardCharsets.UTF_8));
            raw.send(codec.encode(new SyncMessages.Entries(List.of(forged))));
            LoopbackNodes.eventually("X reported", () -> counters.get(ServiceCounter.PEERS_REPORTED) == 1);
            assertThat(sync.entries(authorKeys.nodeId())).isEmpty();
            // The author's real entry is still accepted from the same route.
            LogEntry real = LogEntry.append(authorKeys, null, "real".getBytes(StandardCharsets.UTF_8));
            raw.send(codec.encode(new SyncMessages.Entries(List.of(real))));
            LoopbackNodes.eventually("the real entry is stored", () -> sync.entries(authorKeys.nodeId()).size() == 1);

            // A frame length beyond the maximum breaks the stream: the route is closed, the sender reported.
            raw.send(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 1});
            LoopbackNodes.await(raw.session.ended());
            assertThat(counters.get(ServiceCounter.STREAMS_BROKEN)).isEqualTo(1);
            assertThat(host.scores().offences(x.nodeId())).isEqualTo(2);

            // Y still serves: its event loop answers, and a new route's message is handled.
            assertThat(y.counters()).isNotNull();
            Raw later = route(x, y);
            later.send(open(xKeys, CRASHY_CHANNEL, y.nodeId()));
            later.send(new MessageCodec(List.of(TEXT)).encode(new Text("still here")));
            LoopbackNodes.eventually("Y still handles messages", () -> crashy.handled.contains("still here"));
        }
    }
}
