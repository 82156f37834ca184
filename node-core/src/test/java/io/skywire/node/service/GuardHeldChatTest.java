package io.skywire.node.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.identity.NodeId;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.service.chat.ChatBook;
import io.skywire.node.service.chat.ChatService;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline chat over real sockets on 127.0.0.1: C has guard node G. While C is down, A's messages to it end up held
 * by G; when C comes back (same key and data directory, a new socket) it fetches them from G, delivers them in
 * order, once, and A gets its acknowledgement.
 */
class GuardHeldChatTest {

    @TempDir
    Path dir;

    private static ChatService chat(LoopbackNodes nodes, String name, List<NodeId> guards) {
        return new ChatService(guards, nodes.dataDir(name).resolve("chat"), ChatService.DEFAULT_HISTORY_BYTES);
    }

    @Test
    void messagesToAnAbsentNodeAreHeldByItsGuardAndFetchedWhenItReturns() throws Exception {
        try (LoopbackNodes nodes = new LoopbackNodes(dir)) {
            NodeRuntime g = nodes.start("g", Set.of());
            NodeRuntime a = nodes.start("a", Set.of());
            NodeId gId = g.nodeId();
            NodeRuntime c = nodes.start("c", Set.of(gId));
            LoopbackNodes.linkedAll(List.of(g, a, c));
            ChatService gChat = chat(nodes, "g", List.of());
            ChatService aChat = chat(nodes, "a", List.of());
            ChatService cChat = chat(nodes, "c", List.of(gId));
            ServiceHost gHost = nodes.host(g, "g", ServiceHost.Settings.defaults());
            gHost.register(gChat);
            ServiceHost aHost = nodes.host(a, "a", ServiceHost.Settings.defaults());
            aHost.register(aChat);
            ServiceHost cHost = nodes.host(c, "c", ServiceHost.Settings.defaults());
            cHost.register(cChat);
            NodeId cId = c.nodeId();

            // C talks to A first, which tells A its guard.
            cChat.send(a.nodeId(), "hello from C");
            LoopbackNodes.eventually("C's message acknowledged", () -> cChat.unacknowledged(a.nodeId()) == 0);

            // C goes away.
            cHost.close();
            c.stop();
            aChat.send(cId, "while away 1");
            aChat.send(cId, "while away 2");
            LoopbackNodes.eventually("G holds both for C", () -> gChat.holdingFor(cId) == 2);
            assertThat(aHost.counters().get(ServiceCounter.HANDLER_CRASHES)
                    + gHost.counters().get(ServiceCounter.HANDLER_CRASHES)).isZero();

            // C comes back with the same key and history, on a new socket.
            NodeRuntime back = nodes.start("c", Set.of(gId));
            LoopbackNodes.linkedAll(List.of(g, back));
            ChatService cAgain = chat(nodes, "c", List.of(gId));
            nodes.host(back, "c", ServiceHost.Settings.defaults()).register(cAgain);
            LoopbackNodes.eventually("C delivered both", () -> ServicesLoopbackTest.delivered(cAgain, a.nodeId())
                    .size() == 2);
            assertThat(ServicesLoopbackTest.delivered(cAgain, a.nodeId())).extracting(ChatBook.Delivered::text)
                    .containsExactly("while away 1", "while away 2");
            assertThat(gChat.holdingFor(cId)).isZero();
            LoopbackNodes.eventually("A has C's acknowledgement", () -> aChat.unacknowledged(cId) == 0);
            Thread.sleep(ChatBook.RESEND_NANOS / 1_000_000); // resends still arriving would be duplicates
            assertThat(ServicesLoopbackTest.delivered(cAgain, a.nodeId())).hasSize(2);
        }
    }
}
