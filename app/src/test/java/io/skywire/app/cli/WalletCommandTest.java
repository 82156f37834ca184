package io.skywire.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives {@code skywire wallet ...} as a script would: a data directory and a password file, no console. */
class WalletCommandTest {

    /** A recipient outside the wallet: the Skycoin reference wallet's first address of its golden seed. */
    private static final String RECIPIENT = "2GgFvqoyk9RjwVzj8tqfcXVXB4orBwoc9qv";

    @TempDir
    Path dir;
    private Path data;
    private Path password;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void files() throws IOException {
        data = dir.resolve("data");
        password = dir.resolve("password");
        Files.writeString(password, "correct horse battery\n");
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return SkywireCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** Runs {@code skywire wallet COMMAND args --data-dir DATA --password-file PASSWORD}. */
    private int wallet(String command, String... args) {
        List<String> all = new ArrayList<>(List.of("wallet", command));
        all.addAll(List.of(args));
        all.addAll(List.of("--data-dir", data.toString(), "--password-file", password.toString()));
        if (command.equals("new") || command.equals("restore")) {
            all.addAll(List.of("--scrypt-log2n", "10"));
        }
        return run(all.toArray(String[]::new));
    }

    private String newWallet() {
        assertThat(wallet("new")).as(err::toString).isZero();
        List<String> lines = out.toString().lines().map(String::strip).toList();
        String mnemonic = lines.stream().filter(line -> line.split(" ").length == 12).findFirst().orElseThrow();
        assertThat(out.toString()).contains("Write these 12 words down");
        return mnemonic;
    }

    @Test
    void newPrintsTwelveWordsOnceAndNeverOverwritesAWallet() throws IOException {
        newWallet();
        byte[] seed = Files.readAllBytes(data.resolve("wallet.seed"));

        assertThat(wallet("new")).isEqualTo(1);
        assertThat(err.toString()).startsWith("skywire: a wallet already exists").doesNotContain("Exception");
        assertThat(Files.readAllBytes(data.resolve("wallet.seed"))).isEqualTo(seed);
    }

    @Test
    void aWrongPasswordIsOneClearLineAndTheFileIsUntouched() throws IOException {
        newWallet();
        byte[] seed = Files.readAllBytes(data.resolve("wallet.seed"));
        Files.writeString(password, "wrong horse battery\n");

        assertThat(wallet("receive")).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("skywire: wrong password for").endsWith("nothing was changed")
                .doesNotContain("\n");
        assertThat(wallet("withdraw", RECIPIENT, "1")).isEqualTo(1);
        assertThat(Files.readAllBytes(data.resolve("wallet.seed"))).isEqualTo(seed);
    }

    @Test
    void thePasswordChangesAndTheSeedIsShownOnlyAfterIt() throws IOException {
        String mnemonic = newWallet();
        assertThat(wallet("seed")).isZero();
        assertThat(out.toString().strip()).isEqualTo(mnemonic);
        Path next = dir.resolve("next");
        Files.writeString(next, "staple\n");

        assertThat(wallet("password", "--new-password-file", next.toString())).as(err::toString).isZero();
        assertThat(wallet("seed")).as("the old password no longer opens it").isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("wrong password");
        Files.copy(next, password, StandardCopyOption.REPLACE_EXISTING);
        assertThat(wallet("seed")).isZero();
        assertThat(out.toString().strip()).isEqualTo(mnemonic);
        byte[] sealed = Files.readAllBytes(data.resolve("wallet.seed"));
        Files.writeString(password, "wrong\n");
        assertThat(wallet("password", "--new-password-file", next.toString())).isEqualTo(1);
        assertThat(Files.readAllBytes(data.resolve("wallet.seed"))).isEqualTo(sealed);
    }

    @Test
    void fundsArriveLeaveAndShowInBalanceAddressesAndHistory() {
        newWallet();
        assertThat(wallet("faucet", "3")).as(err::toString).isZero();
        assertThat(wallet("balance")).isZero();
        assertThat(out.toString().strip()).isEqualTo("3 SKY (local chain)");

        assertThat(wallet("withdraw", RECIPIENT, "1.25")).as(err::toString).isZero();
        assertThat(out.toString()).startsWith("sent 1.25 SKY to " + RECIPIENT + " in transaction ");
        assertThat(wallet("balance")).isZero();
        assertThat(out.toString().strip()).isEqualTo("1.75 SKY (local chain)");

        assertThat(wallet("addresses")).isZero();
        assertThat(out.toString().lines()).hasSize(2).satisfies(lines -> {
            assertThat(lines.get(0)).startsWith("0 ").contains(" faucet ");
            assertThat(lines.get(1)).startsWith("1 ").contains(" change ");
        });
        assertThat(wallet("history")).isZero();
        assertThat(out.toString().lines()).hasSize(2).satisfies(lines -> {
            assertThat(lines.get(0)).startsWith("1 ").contains(" +3 SKY ");
            assertThat(lines.get(1)).startsWith("2 ").contains(" -1.25 SKY ");
        });

        assertThat(wallet("withdraw", RECIPIENT, "2")).isEqualTo(1);
        assertThat(err.toString()).contains("refused the withdrawal").contains("holds 1.75 SKY");
    }

    @Test
    void restoreFromTheMnemonicFindsTheSameAddressesAndFunds() throws IOException {
        String mnemonic = newWallet();
        assertThat(wallet("faucet", "2")).isZero();
        assertThat(wallet("receive")).isZero();
        String second = out.toString().strip();
        Path chain = data.resolve("local-chain.mv.db");
        Path restored = dir.resolve("restored");
        Files.createDirectories(restored);
        Files.copy(chain, restored.resolve("local-chain.mv.db"));
        Path words = dir.resolve("words");
        Files.writeString(words, mnemonic.toUpperCase() + "\n");
        data = restored;

        assertThat(wallet("restore", "--mnemonic-file", words.toString())).as(err::toString).isZero();
        assertThat(out.toString()).contains("1 used addresses found on the local chain");
        assertThat(wallet("balance")).isZero();
        assertThat(out.toString().strip()).isEqualTo("2 SKY (local chain)");
        assertThat(wallet("receive")).isZero();
        assertThat(out.toString().strip()).as("the next address, as the original wallet handed out")
                .isEqualTo(second);
    }

    @Test
    void aBrokenMnemonicIsRefusedAndNothingIsWritten() throws IOException {
        Path words = dir.resolve("words");
        Files.writeString(words, "abandon ".repeat(12));
        assertThat(wallet("restore", "--mnemonic-file", words.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("not a valid mnemonic").contains("checksum");
        assertThat(data.resolve("wallet.seed")).doesNotExist();
    }

    @Test
    void badAddressesAndAmountsAreUsageErrorsWithTheReason() {
        newWallet();
        String typo = RECIPIENT.substring(0, RECIPIENT.length() - 1) + "w";
        assertThat(wallet("withdraw", typo, "1")).isEqualTo(2);
        assertThat(err.toString()).contains("checksum");
        assertThat(wallet("withdraw", RECIPIENT, "1.0000001")).isEqualTo(2);
        assertThat(err.toString()).contains("invalid amount");
        assertThat(wallet("withdraw", RECIPIENT, "0")).isEqualTo(2);
        assertThat(wallet("faucet", "2000000")).isEqualTo(2);
    }

    @Test
    void withoutAWalletOrAPasswordTheCommandsSaySo() {
        assertThat(wallet("balance")).isEqualTo(1);
        assertThat(err.toString()).contains("no wallet in").contains("skywire wallet new");
        assertThat(run("wallet", "new", "--data-dir", data.toString())).as("no console under test").isEqualTo(2);
        assertThat(err.toString()).contains("no console");
        assertThat(data.resolve("wallet.seed")).doesNotExist();
    }
}
