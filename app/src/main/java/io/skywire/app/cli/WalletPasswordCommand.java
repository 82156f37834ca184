package io.skywire.app.cli;

import io.skywire.wallet.seed.SeedStore;
import io.skywire.wallet.seed.WrongPasswordException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code skywire wallet password}: re-seals the seed under a new password, replacing the file atomically. */
@Command(name = "password", mixinStandardHelpOptions = true,
        description = "Change the wallet's password (the current one first).")
final class WalletPasswordCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private WalletOptions options;

    @Option(names = "--new-password-file", paramLabel = "FILE",
            description = "Read the new password from FILE's first line instead of prompting.")
    private Path newPasswordFile;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(options.seedFile())) {
            throw new CommandFailedException("no wallet in " + options.dataDir);
        }
        char[] current = options.password(spec, false);
        char[] next;
        if (newPasswordFile != null) {
            next = WalletOptions.firstLine(spec, newPasswordFile, "new password");
        } else {
            next = WalletOptions.console(spec, "new password").readPassword("New password: ");
            char[] again = WalletOptions.console(spec, "new password").readPassword("Same new password again: ");
            if (next == null || !Arrays.equals(next, again)) {
                throw new ParameterException(spec.commandLine(), "the two new passwords differ; nothing was changed");
            }
        }
        if (next.length == 0) {
            throw new ParameterException(spec.commandLine(), "the new password is empty");
        }
        try {
            SeedStore.open(options.seedFile(), new SecureRandom()).changePassword(current, next);
        } catch (WrongPasswordException e) {
            throw new CommandFailedException("wrong password for " + options.seedFile() + "; nothing was changed");
        }
        spec.commandLine().getOut().println("password changed");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
