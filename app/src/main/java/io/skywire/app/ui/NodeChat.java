package io.skywire.app.ui;

import io.skywire.node.identity.NodeId;
import io.skywire.node.runtime.NodeKeyFile;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.service.ServiceHost;
import io.skywire.node.service.chat.ChatBook;
import io.skywire.node.service.chat.ChatService;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The chat service on one of the app's nodes: a {@link ServiceHost} with the {@link ChatService} (history under the
 * node's data directory, {@code chat/}), as {@code skywire node} runs it. The host serves the node's service routes
 * only, so it runs beside a gateway's exit on the same node.
 */
final class NodeChat implements ChatPort, AutoCloseable {

    private final NodeId self;
    private final ServiceHost host;
    private final ChatService chat;

    private NodeChat(NodeId self, ServiceHost host, ChatService chat) {
        this.self = self;
        this.host = host;
        this.chat = chat;
    }

    /** Starts the host and the chat service on {@code node}; blocks for the service's start. */
    static NodeChat start(NodeRuntime node) throws IOException {
        ServiceHost host = ServiceHost.start(node, NodeKeyFile.loadOrCreate(node.dataDirectory()));
        try {
            ChatService chat = new ChatService(List.copyOf(node.guards()), node.dataDirectory().resolve("chat"),
                    ChatService.DEFAULT_HISTORY_BYTES);
            host.register(chat);
            return new NodeChat(node.nodeId(), host, chat);
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
    }

    @Override
    public NodeId self() {
        return self;
    }

    @Override
    public List<ChatBook.Event> history() {
        return chat.history();
    }

    @Override
    public long send(NodeId to, String text) {
        return chat.send(to, text);
    }

    @Override
    public void onEvent(Consumer<ChatBook.Event> listener) {
        chat.onEvent(listener);
    }

    @Override
    public void close() {
        host.close();
    }
}
