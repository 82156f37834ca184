package io.skywire.node.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.identity.NodeId;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.service.chat.ChatBook;
import io.skywire.node.service.chat.ChatService;
import io.skywire.node.service.sync.LogEntry;
import io.skywire.node.service.sync.SyncService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 over real sockets on 127.0.0.1: three nodes run both services. The followers of A's log find each other
 * through the DHT (providers under the key's hash) and sync it, verified; chat messages arrive in order, once,
 * and are acknowledged; history survives a restart of the service.
 */
class ServicesLoopbackTest {

    @TempDir
    Path dir;

    private record Node(NodeRuntime runtime, ServiceHost host, SyncService sync, ChatService chat) {
        NodeId id() {
            return runtime.nodeId();
        }
    }

    private static Node node(LoopbackNodes nodes, String name) throws Exception {
        NodeRuntime runtime = nodes.start(name, Set.of());
        ServiceHost host = nodes.host(runtime, name, ServiceHost.Settings.defaults());
        SyncService sync = new SyncService(LoopbackNodes.keys(nodes.dataDir(name)),
                nodes.dataDir(name).resolve("sync"), List.of());
        ChatService chat = new ChatService(List.of(), nodes.dataDir(name).resolve("chat"),
                ChatService.DEFAULT_HISTORY_BYTES);
        host.register(sync);
        host.register(chat);
        return new Node(runtime, host, sync, chat);
    }

    @Test
    void threeNodesSyncALogAndChatInOrderOnce() throws Exception {
        try (LoopbackNodes nodes = new LoopbackNodes(dir)) {
            Node a = node(nodes, "a");
            Node b = node(nodes, "b");
            Node c = node(nodes, "c");
            LoopbackNodes.linkedAll(List.of(a.runtime(), b.runtime(), c.runtime()));

            // Sync: A appends to its own log; B and C follow A's key and find each other and A in the DHT.
            LogEntry first = a.sync().append("first".getBytes(StandardCharsets.UTF_8));
            b.sync().follow(a.id());
            c.sync().follow(a.id());
            LoopbackNodes.eventually("B and C hold A's first entry",
                    () -> b.sync().entries(a.id()).size() == 1 && c.sync().entries(a.id()).size() == 1);
            a.sync().append("second".getBytes(StandardCharsets.UTF_8));
            LoopbackNodes.eventually("B and C hold A's second entry",
                    () -> b.sync().entries(a.id()).size() == 2 && c.sync().entries(a.id()).size() == 2);
            assertThat(c.sync().entries(a.id()).get(0)).isEqualTo(first);
            assertThat(c.sync().entries(a.id())).allMatch(LogEntry::signatureValid);
            assertThat(new String(c.sync().entries(a.id()).get(1).payload(), StandardCharsets.UTF_8))
                    .isEqualTo("second");

            // Chat: 30 messages from A to C and 10 from B to C, concurrently.
            int fromA = 30;
            int fromB = 10;
            Thread second = new Thread(() -> {
                for (int i = 1; i <= fromB; i++) {
                    b.chat().send(c.id(), "b" + i);
                }
            });
            second.start();
            for (int i = 1; i <= fromA; i++) {
                a.chat().send(c.id(), "a" + i);
            }
            second.join();
            LoopbackNodes.eventually("C got every message and A and B have their acknowledgements",
                    () -> delivered(c.chat(), a.id()).size() == fromA && delivered(c.chat(), b.id()).size() == fromB
                            && a.chat().unacknowledged(c.id()) == 0 && b.chat().unacknowledged(c.id()) == 0);
            Thread.sleep(ChatBook.RESEND_NANOS / 1_000_000); // a resend, had one been due, would have arrived
            List<String> textsFromA = delivered(c.chat(), a.id()).stream().map(ChatBook.Delivered::text).toList();
            assertThat(textsFromA).containsExactlyElementsOf(
                    java.util.stream.IntStream.rangeClosed(1, fromA).mapToObj(i -> "a" + i).toList());
            assertThat(delivered(c.chat(), b.id()).stream().map(ChatBook.Delivered::sequence).toList())
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, fromB).boxed().toList());

            // The history is on disk: a fresh service over the same directory shows the same messages.
            ChatService reread = new ChatService(List.of(), nodes.dataDir("c").resolve("chat"),
                    ChatService.DEFAULT_HISTORY_BYTES);
            ServiceHost spare = ServiceHost.start(nodes.start("spare", Set.of()),
                    LoopbackNodes.keys(nodes.dataDir("spare")));
            try {
                spare.register(reread);
                assertThat(delivered(reread, a.id())).hasSize(fromA);
            } finally {
                spare.close();
            }
            for (Node node : List.of(a, b, c)) {
                assertThat(node.host().counters().get(ServiceCounter.HANDLER_CRASHES)).isZero();
                assertThat(node.host().counters().get(ServiceCounter.PEERS_REPORTED)).isZero();
            }
        }
    }

    static List<ChatBook.Delivered> delivered(ChatService chat, NodeId from) {
        return chat.history().stream().filter(e -> e instanceof ChatBook.Delivered d && d.peer().equals(from))
                .map(e -> (ChatBook.Delivered) e).toList();
    }
}
