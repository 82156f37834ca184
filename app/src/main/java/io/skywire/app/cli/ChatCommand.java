package io.skywire.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code skywire chat send|read}: the running node's chat service (docs/SERVICES.md). */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "Chat with another node by its key (needs a running 'skywire node').",
        subcommands = {ChatCommand.Send.class, ChatCommand.Read.class})
final class ChatCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "send", mixinStandardHelpOptions = true,
            description = "Send TEXT to the node NODE_ID; prints its sequence number. Delivery is acknowledged "
                    + "later ('chat read' shows 'acked').")
    static final class Send implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private ControlClient node;
        @Parameters(index = "0", paramLabel = "NODE_ID", description = "The recipient's node key (hex).")
        private String to;
        @Parameters(index = "1", paramLabel = "TEXT", description = "At most 4,000 bytes of UTF-8.")
        private String text;

        @Override
        public Integer call() throws IOException, InterruptedException {
            return node.print(spec, "POST", "/chat/send", ControlClient.param("to", to),
                    text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Command(name = "read", mixinStandardHelpOptions = true,
            description = "Print the chat history: 'TIME to|from NODE_ID #SEQUENCE TEXT' and 'acked NODE_ID up to N'.")
    static final class Read implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private ControlClient node;
        @Option(names = "--peer", paramLabel = "NODE_ID", description = "Only the conversation with this node.")
        private String peer;

        @Override
        public Integer call() throws IOException, InterruptedException {
            return node.print(spec, "GET", "/chat/read",
                    peer == null ? "" : ControlClient.param("peer", peer), null);
        }
    }
}
