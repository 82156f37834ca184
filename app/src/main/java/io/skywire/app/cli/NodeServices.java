package io.skywire.app.cli;

import io.skywire.app.control.ControlServer;
import io.skywire.node.runtime.NodeConfig;
import io.skywire.node.runtime.NodeKeyFile;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.service.ServiceHost;
import io.skywire.node.service.chat.ChatService;
import io.skywire.node.service.sync.SyncService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The services {@code skywire node} runs: the service host with the sync and chat services (state under the data
 * directory's {@code sync/} and {@code chat/}) and the control channel the {@code sync} and {@code chat} commands
 * use. The chat service's guards are the node's configured {@code guard} nodes.
 */
final class NodeServices implements AutoCloseable {

    private final ServiceHost host;
    private final ControlServer control;

    private NodeServices(ServiceHost host, ControlServer control) {
        this.host = host;
        this.control = control;
    }

    static NodeServices start(NodeRuntime runtime, NodeConfig config) throws IOException {
        Path dataDir = config.dataDirectory();
        var keys = NodeKeyFile.loadOrCreate(dataDir);
        ServiceHost host = ServiceHost.start(runtime, keys);
        try {
            SyncService sync = new SyncService(keys, dataDir.resolve("sync"), List.of());
            ChatService chat = new ChatService(List.copyOf(runtime.guards()), dataDir.resolve("chat"),
                    ChatService.DEFAULT_HISTORY_BYTES);
            host.register(sync);
            host.register(chat);
            return new NodeServices(host, ControlServer.start(dataDir, runtime.nodeId(), sync, chat));
        } catch (IOException | RuntimeException e) {
            host.close();
            throw e;
        }
    }

    @Override
    public void close() {
        control.close();
        host.close();
    }
}
