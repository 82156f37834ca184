package io.skywire.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.app.Main;
import io.skywire.app.escrow.EscrowConfig;
import io.skywire.app.escrow.EscrowService;
import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1Provider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EscrowCommandTest {

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return SkywireCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void aBrokenConfigIsRefusedWithItsLineAndNothingStarts() throws Exception {
        Path config = dir.resolve("escrow.conf");
        Files.writeString(config, "listen = 127.0.0.1:0\ndatabase = escrow\nchian = chain\n");
        assertThat(run("escrow", "--config", config.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("skywire: " + config + " line 3: unknown key 'chian'; known: "
                + err.toString().strip().replaceFirst(".*known: ", ""));
        assertThat(dir.resolve("escrow.mv.db")).doesNotExist();
        assertThat(run("escrow")).isEqualTo(2);
        assertThat(run("escrow", "--config", dir.resolve("missing.conf").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("cannot read");
    }

    @Test
    void aWalletPaysARunningEscrowOnTheSharedLocalChainAndSigtermStopsItCleanly() throws Exception {
        Path config = dir.resolve("escrow.conf");
        Files.writeString(config, "listen = 127.0.0.1:0\ndatabase = escrow\nchain = data/local-chain\n"
                + "master-key-file = key\n");
        Path password = dir.resolve("password");
        Files.writeString(password, "escrow test\n");
        Process escrow = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dskywire.log.level=INFO", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "escrow", "--config", config.toString())
                .redirectError(dir.resolve("stderr").toFile()).start();
        BufferedReader stdout = new BufferedReader(new InputStreamReader(escrow.getInputStream(),
                StandardCharsets.UTF_8));
        String line = stdout.readLine();
        assertThat(line).as("stderr: %s", Files.readString(dir.resolve("stderr"))).startsWith("escrow listening on");
        HttpResponse<String> keys = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                line.substring(line.indexOf("http")) + "/keys")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(keys.statusCode()).isEqualTo(200);

        // The wallet commands open the local chain while the escrow process has it open.
        String[] wallet = {"--data-dir", dir.resolve("data").toString(), "--password-file", password.toString()};
        assertThat(run(concat(new String[] {"wallet", "new", "--scrypt-log2n", "10"}, wallet))).as(err::toString)
                .isZero();
        assertThat(run(concat(new String[] {"wallet", "faucet", "2"}, wallet))).as(err::toString).isZero();
        HttpResponse<String> deposit = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                line.substring(line.indexOf("http")) + "/deposit")).POST(HttpRequest.BodyPublishers.ofString(
                "{\"account\": \"" + secpKey() + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deposit.statusCode()).as(deposit.body()).isEqualTo(200);
        String address = deposit.body().replaceAll(".*\"address\":\"([^\"]+)\".*", "$1");
        assertThat(run(concat(new String[] {"wallet", "withdraw", address, "1.5"}, wallet))).as(err::toString)
                .isZero();
        HttpResponse<String> credit = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                line.substring(line.indexOf("http")) + "/credit")).POST(HttpRequest.BodyPublishers.ofString(
                "{\"address\": \"" + address + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(credit.body()).isEqualTo("{\"credited\":1500000}");

        escrow.destroy(); // SIGTERM
        assertThat(escrow.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(dir.resolve("stderr"));
        assertThat(log).contains("escrow stopped").doesNotContain("ERROR").doesNotContain("Exception");
        assertThat(escrow.exitValue()).as("the JVM's status for SIGTERM").isEqualTo(128 + 15);
        // The files are closed and whole: another escrow opens them at once with the same key.
        String key = Files.readString(dir.resolve("key"));
        try (EscrowService again = EscrowService.start(EscrowConfig.read(config))) {
            assertThat(again.escrow().ledger().total().isZero()).isTrue();
        }
        assertThat(Files.readString(dir.resolve("key"))).isEqualTo(key);
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    /** A valid compressed public key, as the escrow checks accounts. */
    private static String secpKey() {
        return HexFormat.of().formatHex(Secp256k1Provider.get()
                .publicKey(Hashes.sha256(new byte[] {1})));
    }
}
