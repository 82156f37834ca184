package io.skywire.app.cli;

import io.skywire.app.wallet.WalletFiles;
import io.skywire.app.wallet.WalletSession;
import io.skywire.wallet.seed.Mnemonic;
import io.skywire.wallet.seed.WrongPasswordException;
import java.io.Console;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options every {@code skywire wallet} command shares: where the wallet lives and where its password comes from. */
final class WalletOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${user.home}/.skywire",
            description = "Directory of the wallet, its database and the local chain (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the password from the first line of FILE instead of prompting (for scripts).")
    Path passwordFile;

    WalletFiles files() {
        return new WalletFiles(dataDir);
    }

    Path seedFile() {
        return files().seedFile();
    }

    Path walletDatabase() {
        return files().walletDatabase();
    }

    /**
     * Opens the wallet in the data directory.
     *
     * @throws CommandFailedException when there is no wallet there
     */
    WalletSession open() {
        if (!files().hasWallet()) {
            throw new CommandFailedException("no wallet in " + dataDir
                    + ": create one with `skywire wallet new` or `skywire wallet restore`");
        }
        return WalletSession.open(files());
    }

    /**
     * The mnemonic of {@code session}'s wallet, after the password.
     *
     * @throws CommandFailedException for a wrong password (the file is only read)
     */
    Mnemonic unlock(CommandSpec spec, WalletSession session) throws IOException {
        try {
            return session.reveal(password(spec, false));
        } catch (WrongPasswordException e) {
            throw new CommandFailedException("wrong password for " + seedFile() + "; nothing was changed");
        }
    }

    /**
     * The password, from the file or the console; with {@code confirm} the console asks twice.
     *
     * @throws ParameterException when there is neither a password file nor a console, or the password is empty
     */
    char[] password(CommandSpec spec, boolean confirm) {
        char[] password;
        if (passwordFile != null) {
            password = firstLine(spec, passwordFile, "password");
        } else {
            Console console = console(spec, "password");
            password = console.readPassword("Wallet password: ");
            if (password == null) {
                throw new ParameterException(spec.commandLine(), "no password given");
            }
            if (confirm) {
                char[] again = console.readPassword("Same password again: ");
                boolean same = again != null && Arrays.equals(password, again);
                if (again != null) {
                    Arrays.fill(again, '\0');
                }
                if (!same) {
                    Arrays.fill(password, '\0');
                    throw new ParameterException(spec.commandLine(), "the two passwords differ; nothing was written");
                }
            }
        }
        if (password.length == 0) {
            throw new ParameterException(spec.commandLine(), "the password is empty");
        }
        return password;
    }

    static Console console(CommandSpec spec, String what) {
        Console console = System.console();
        if (console == null) {
            throw new ParameterException(spec.commandLine(), "no console to ask for the " + what
                    + " on: give it in a file (see --help)");
        }
        return console;
    }

    /** The first line of a small UTF-8 file, without its line ending; the bytes read are wiped. */
    static char[] firstLine(CommandSpec spec, Path file, String what) {
        byte[] bytes;
        try {
            if (Files.size(file) > 64 * 1024) {
                throw new ParameterException(spec.commandLine(), what + " file " + file + " is over 64 KiB");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read " + what + " file " + file + ": " + e);
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            int end = 0;
            while (end < chars.limit() && chars.get(end) != '\n' && chars.get(end) != '\r') {
                end++;
            }
            char[] line = new char[end];
            chars.get(line);
            Arrays.fill(chars.array(), '\0');
            return line;
        } catch (CharacterCodingException e) {
            throw new ParameterException(spec.commandLine(), what + " file " + file + " is not UTF-8 text");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
