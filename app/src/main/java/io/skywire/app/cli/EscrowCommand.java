package io.skywire.app.cli;

import io.skywire.app.escrow.EscrowConfig;
import io.skywire.app.escrow.EscrowService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code skywire escrow --config FILE}: runs the escrow headless until SIGTERM or Ctrl-C. */
@Command(name = "escrow", mixinStandardHelpOptions = true,
        description = {"Run the escrow service headless: JSON over HTTP on loopback, until SIGTERM or Ctrl-C.",
            "The config file holds key = value lines: listen, database, chain, master-key-file,",
            "withdrawal-threshold (default 1 SKY), max-attestation-seconds (default 86400)."})
final class EscrowCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(EscrowCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "The escrow's config file.")
    private Path configFile;

    @Override
    public Integer call() throws IOException, InterruptedException {
        EscrowConfig config;
        try {
            config = EscrowConfig.read(configFile);
        } catch (EscrowConfig.ConfigException e) {
            throw new CommandFailedException(e.getMessage());
        }
        EscrowService service = EscrowService.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            // The JVM runs this on SIGTERM and SIGINT; the books are closed before it exits.
            service.close();
            LOG.info("escrow stopped");
            stopped.countDown();
        }, "escrow-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        spec.commandLine().getOut().println("escrow listening on http://"
                + service.server().address().getHostString() + ":" + service.server().address().getPort());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
