package io.skywire.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skywire.node.testing.TestVectors;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkywireCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return SkywireCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void printsAVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("skywire ").doesNotContain("${");
    }

    @Test
    void helpListsTheSubcommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("wallet");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("Usage:").contains("frobnicate");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aBadOptionIsAUsageError() {
        assertThat(run("wallet", "derive", "--seed", "x", "--no-such-option")).isEqualTo(2);
        assertThat(err.toString()).contains("Usage:");
    }

    @Test
    void deriveNeedsExactlyOneSeed() {
        assertThat(run("wallet", "derive")).isEqualTo(2);
        assertThat(run("wallet", "derive", "--seed", "a", "--seed-hex", "00")).isEqualTo(2);
    }

    @Test
    void aMalformedSeedIsAUsageErrorWithTheReason() {
        assertThat(run("wallet", "derive", "--seed-hex", "zz")).isEqualTo(2);
        assertThat(err.toString()).contains("invalid seed");
        assertThat(run("wallet", "derive", "--seed-base64", "***")).isEqualTo(2);
    }

    @Test
    void deriveRefusesAnAbsurdCount() {
        assertThat(run("wallet", "derive", "--seed", "abc", "-n", "0")).isEqualTo(2);
        assertThat(run("wallet", "derive", "--seed", "abc", "-n", "100001")).isEqualTo(2);
    }

    @Test
    void derivePrintsTheReferenceWalletsFirstFiveAddresses() throws IOException {
        JsonNode golden = TestVectors.read("skycoin/seed-0001.golden");
        assertThat(run("wallet", "derive", "--seed-base64", golden.get("seed").asText(), "-n", "5")).isZero();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            JsonNode key = golden.get("keys").get(i);
            expected.add(key.get("address").asText() + " " + key.get("public").asText());
        }
        assertThat(out.toString().lines()).containsExactlyElementsOf(expected);
        assertThat(out.toString()).doesNotContain(golden.get("keys").get(0).get("secret").asText());
    }

    @Test
    void secretsOnlyWhenAskedAndJsonWhenAsked() throws IOException {
        assertThat(run("wallet", "derive", "--seed", "correct horse", "-n", "2", "--json", "--show-secrets")).isZero();
        JsonNode array = new ObjectMapper().readTree(out.toString());
        assertThat(array).hasSize(2);
        assertThat(array.get(1).get("index").asInt()).isEqualTo(1);
        assertThat(array.get(0).get("secret").asText()).hasSize(64);
    }

    @Test
    void simListsItsScenarios() {
        assertThat(run("sim", "--list")).isZero();
        assertThat(out.toString()).contains("lossy-chain").contains("--hops").contains("congestion")
                .contains("--slowdown").contains("qos").contains("dead-node");
    }

    @Test
    void simRunsTheCongestionQosAndDeadNodeScenarios() throws IOException {
        ObjectMapper json = new ObjectMapper();
        assertThat(run("sim", "congestion", "--megabytes", "1", "--measure-from-ms", "1000",
                "--measure-to-ms", "2000")).isZero();
        JsonNode congestion = json.readTree(out.toString());
        assertThat(congestion.get("droppedMessages").asLong()).isZero();
        assertThat(congestion.get("buffers")).hasSize(4);
        out.getBuffer().setLength(0);
        assertThat(run("sim", "qos", "--messages", "5")).isZero();
        assertThat(json.readTree(out.toString()).get("withinTwice").asBoolean()).isTrue();
        out.getBuffer().setLength(0);
        assertThat(run("sim", "dead-node", "--die-at-ms", "300")).isZero();
        assertThat(json.readTree(out.toString()).get("reason").asText()).isEqualTo("NEXT_HOP_UNREACHABLE");
    }

    @Test
    void simRunsTheDhtScenario() throws IOException {
        assertThat(run("sim", "dht", "--nodes", "40", "--churn", "10", "--hours", "0.1", "--lookups", "20",
                "--providers", "3")).isZero();
        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(result.get("lookups").asInt()).isEqualTo(20);
        assertThat(result.get("successRate").asDouble()).isGreaterThanOrEqualTo(0.9);
        assertThat(result.get("medianHops").asInt()).isBetween(0, 6);
    }

    @Test
    void simRunsAScenarioAndPrintsOneJsonObject() throws IOException {
        assertThat(run("sim", "lossy-chain", "--hops", "2", "--loss", "0.1", "--megabytes=0.2",
                "--mode", "hop-by-hop", "--seed", "3")).isZero();
        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(result.get("bytesDelivered").asLong()).isEqualTo(200_000);
        assertThat(result.get("intactAndInOrder").asBoolean()).isTrue();
    }

    @Test
    void simRefusesUnknownScenariosAndBadParameters() {
        assertThat(run("sim", "no-such-scenario")).isEqualTo(2);
        assertThat(run("sim", "lossy-chain", "--hops", "99")).isEqualTo(2);
        assertThat(err.toString()).contains("--hops must be");
        assertThat(run("sim", "lossy-chain", "--no-such-parameter", "1")).isEqualTo(2);
        assertThat(run("sim", "lossy-chain", "--hops")).isEqualTo(2);
        assertThat(run("sim")).isEqualTo(2);
    }
}
