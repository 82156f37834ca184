package io.skywire.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code skywire sync follow|append|show KEY}: the running node's signed-log sync service (docs/SERVICES.md). */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Signed logs synced between the nodes that follow them (needs a running 'skywire node').",
        subcommands = {SyncCommand.Follow.class, SyncCommand.Append.class, SyncCommand.Show.class})
final class SyncCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "follow", mixinStandardHelpOptions = true,
            description = "Follow KEY's log: find its other followers through the DHT and keep a verified copy.")
    static final class Follow implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private ControlClient node;
        @Parameters(index = "0", paramLabel = "KEY", description = "The log's public key (hex).")
        private String key;

        @Override
        public Integer call() throws IOException, InterruptedException {
            return node.print(spec, "POST", "/sync/follow", ControlClient.param("key", key),
                    null);
        }
    }

    @Command(name = "append", mixinStandardHelpOptions = true,
            description = "Append TEXT to KEY's log; KEY must be the node's own key (the only log it can sign).")
    static final class Append implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private ControlClient node;
        @Parameters(index = "0", paramLabel = "KEY", description = "The node's own key (hex).")
        private String key;
        @Parameters(index = "1", paramLabel = "TEXT", description = "The entry's payload, at most 1,024 bytes.")
        private String text;

        @Override
        public Integer call() throws IOException, InterruptedException {
            return node.print(spec, "POST", "/sync/append", ControlClient.param("key", key),
                    text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the entries of KEY's log held here: 'SEQUENCE HASH PAYLOAD' per line.")
    static final class Show implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private ControlClient node;
        @Parameters(index = "0", paramLabel = "KEY", description = "The log's public key (hex).")
        private String key;

        @Override
        public Integer call() throws IOException, InterruptedException {
            return node.print(spec, "GET", "/sync/show", ControlClient.param("key", key),
                    null);
        }
    }
}
