package io.skywire.app.escrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.wallet.ledger.Droplets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EscrowConfigTest {

    private static final String GOOD = "# the test escrow\nlisten = 127.0.0.1:8650\ndatabase = db/escrow\n"
            + "chain = /var/chain\nmaster-key-file = master\n";

    @TempDir
    Path dir;

    private EscrowConfig read(String text) throws Exception {
        Path file = dir.resolve("escrow.conf");
        Files.writeString(file, text);
        return EscrowConfig.read(file);
    }

    private void refused(String text, String reason) {
        assertThatThrownBy(() -> read(text)).isInstanceOf(EscrowConfig.ConfigException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void aGoodFileGivesPathsFromItsDirectoryAndDefaults() throws Exception {
        EscrowConfig config = read(GOOD);
        assertThat(config.listen().getPort()).isEqualTo(8650);
        assertThat(config.database()).isEqualTo(dir.toAbsolutePath().resolve("db/escrow"));
        assertThat(config.chain()).isEqualTo(Path.of("/var/chain"));
        assertThat(config.settings().withdrawalThreshold()).isEqualTo(Droplets.ofSky(1));
        EscrowConfig tuned = read(GOOD + "withdrawal-threshold = 0.5 SKY\nmax-attestation-seconds = 60\n");
        assertThat(tuned.settings().withdrawalThreshold()).isEqualTo(Droplets.parse("0.5"));
        assertThat(tuned.settings().maxAttestation()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aBrokenFileIsRefusedWithItsLineAndReason() {
        refused(GOOD + "colour = blue\n", "line 6: unknown key 'colour'");
        refused(GOOD + "just words\n", "line 6: expected key = value");
        refused(GOOD + "listen = 127.0.0.1:1\n", "line 6: listen given twice");
        refused(GOOD.replace("127.0.0.1:8650", "0.0.0.0:8650"), "line 2: listen: the escrow serves HTTP on loopback");
        refused(GOOD.replace("8650", "http"), "line 2: listen: port 'http' is not a number");
        refused(GOOD + "withdrawal-threshold = 1.0000001\n", "line 6: withdrawal-threshold");
        refused(GOOD + "max-attestation-seconds = soon\n", "line 6: max-attestation-seconds");
        refused(GOOD.replace("database = db/escrow\n", ""), "database is missing");
        refused(GOOD.replace("chain = /var/chain", "chain ="), "line 4: chain has no value");
    }
}
