package io.skywire.app.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.wallet.blind.BlindSignature;
import io.skywire.wallet.blind.BlindedRequest;
import io.skywire.wallet.blind.DleqProof;
import io.skywire.wallet.blind.Token;
import io.skywire.wallet.chain.SignedTransaction;
import io.skywire.wallet.chain.Transaction;
import io.skywire.wallet.escrow.EscrowRequests;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.payment.PaymentPromise;
import io.skywire.wallet.payment.PaymentRouteId;
import io.skywire.wallet.payment.SignedPromise;
import io.skywire.wallet.skycoin.DeterministicKeyChain;
import io.skywire.wallet.skycoin.SkycoinAddress;
import io.skywire.wallet.skycoin.SkycoinKeyPair;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The escrow's endpoints, driven as a client on another machine would: JSON over HTTP on loopback. */
class EscrowHttpServerTest {

    private static final HexFormat HEX = HexFormat.of();
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Secp256k1 secp = Secp256k1Provider.get();
    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path dir;
    private EscrowService service;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        Path config = dir.resolve("escrow.conf");
        Files.writeString(config, "listen = 127.0.0.1:0\ndatabase = escrow\nchain = chain\nmaster-key-file = master\n");
        service = EscrowService.start(EscrowConfig.read(config));
        base = URI.create("http://127.0.0.1:" + service.server().address().getPort());
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void anOriginDepositsIssuesRedeemsAndAHopSettlesOverHttp() throws Exception {
        byte[] depositor = Hashes.sha256("depositor".getBytes(StandardCharsets.UTF_8));
        byte[] pseudonym = Hashes.sha256("pseudonym".getBytes(StandardCharsets.UTF_8));
        JsonNode keys = call("GET", "/keys", null, 200);
        byte[] mintKey = HEX.parseHex(keys.get("mints").get("524288").asText());

        SkycoinAddress deposit = SkycoinAddress.parse(call("POST", "/deposit", mapper.createObjectNode()
                .put("account", HEX.formatHex(secp.publicKey(depositor))), 200).get("address").asText());
        SkycoinKeyPair coins = DeterministicKeyChain.derive(secp, "coins".getBytes(StandardCharsets.UTF_8), 1).get(0);
        service.chain().mint(coins.address(), Droplets.ofSky(1));
        service.chain().submit(SignedTransaction.sign(secp, new Transaction(new byte[16], List.of(
                new Transaction.Transfer(coins.address(), Droplets.ofSky(1))), List.of(
                new Transaction.Transfer(deposit, Droplets.ofSky(1)))), List.of(coins)));
        assertThat(call("POST", "/credit", mapper.createObjectNode().put("address", deposit.toString()), 200)
                .get("credited").asLong()).isEqualTo(1_000_000);

        BlindedRequest blinded = BlindedRequest.create(random);
        byte[] requestId = new byte[16];
        random.nextBytes(requestId);
        EscrowRequests.Issue issue = EscrowRequests.Issue.sign(secp, depositor, requestId,
                List.of(new EscrowRequests.BlindedOutput(Droplets.of(524_288), blinded.blindedMessage())));
        ObjectNode issueBody = mapper.createObjectNode().put("account", HEX.formatHex(issue.account()))
                .put("requestId", HEX.formatHex(requestId)).put("signature", HEX.formatHex(issue.signature()));
        issueBody.putArray("outputs").addObject().put("amount", 524_288)
                .put("blinded", HEX.formatHex(blinded.blindedMessage()));
        JsonNode signed = call("POST", "/issue", issueBody, 200).get("signatures").get(0);
        Token token = blinded.unblind(new BlindSignature(HEX.parseHex(signed.get("blindedSignature").asText()),
                new DleqProof(HEX.parseHex(signed.get("e").asText()), HEX.parseHex(signed.get("s").asText()))),
                mintKey);
        assertThat(call("POST", "/issue", issueBody, 409).get("reason").asText()).isEqualTo("DUPLICATE");

        ObjectNode redeem = mapper.createObjectNode().put("pseudonym", HEX.formatHex(secp.publicKey(pseudonym)));
        ArrayNode tokens = redeem.putArray("tokens");
        tokens.addObject().put("amount", 524_288).put("secret", HEX.formatHex(token.secret()))
                .put("signature", HEX.formatHex(token.signature()));
        assertThat(call("POST", "/redeem", redeem, 200).get("credited").asLong()).isEqualTo(524_288);
        assertThat(call("POST", "/redeem", redeem, 409).get("reason").asText()).isEqualTo("ALREADY_SPENT");

        EscrowRequests.Attest attest = EscrowRequests.Attest.sign(secp, pseudonym, Instant.now().getEpochSecond() + 60);
        JsonNode attestation = call("POST", "/attest", mapper.createObjectNode()
                .put("pseudonym", HEX.formatHex(attest.pseudonym())).put("expiry", attest.expiry())
                .put("signature", HEX.formatHex(attest.signature())), 200);
        assertThat(attestation.get("lockedBalance").asLong()).isEqualTo(524_288);
        byte[] statement = HEX.parseHex(attestation.get("statement").asText());
        assertThat(secp.verify(HEX.parseHex(attestation.get("signature").asText()), Hashes.sha256(statement),
                HEX.parseHex(keys.get("attestationKey").asText()))).isTrue();

        byte[] payee = Hashes.sha256(new byte[] {7});
        byte[] salt = new byte[16];
        SignedPromise promise = new PaymentPromise(secp.publicKey(pseudonym), PaymentRouteId.of(secp.publicKey(payee),
                salt), Droplets.of(1000), 1).sign(secp, pseudonym);
        EscrowRequests.Settle request = EscrowRequests.Settle.sign(secp, payee, salt, promise);
        ObjectNode settle = mapper.createObjectNode().put("promise", HEX.formatHex(promise.encode()))
                .put("payee", HEX.formatHex(request.payee())).put("salt", HEX.formatHex(salt))
                .put("signature", HEX.formatHex(request.signature()));
        assertThat(call("POST", "/settle", settle, 200).get("paid").asLong()).isEqualTo(1000);
        assertThat(call("POST", "/settle", settle, 409).get("reason").asText()).isEqualTo("STALE_PROMISE");
        assertThat(service.escrow().ledger().total()).isEqualTo(Droplets.ZERO);
    }

    @Test
    void malformedRequestsAreRefusedWithTheReasonAndChangeNothing() throws Exception {
        assertThat(post("/issue", "{not json").get("reason").asText()).isEqualTo("BAD_REQUEST");
        assertThat(post("/issue", "[]").get("error").asText()).contains("JSON object");
        assertThat(post("/deposit", "{\"account\": \"zz\"}").get("error").asText()).contains("'account' is not hex");
        assertThat(post("/deposit", "{\"account\": \"0011\"}").get("error").asText()).contains("public key");
        assertThat(post("/settle", "{\"promise\": \"00\", \"payee\": \"00\", \"salt\": \"00\", "
                + "\"signature\": \"00\"}").get("error").asText()).contains("signed promise is 139 bytes");
        assertThat(post("/credit", "{\"address\": \"2GgFvqoyk9RjwVzj8tqfcXVXB4orBwoc9qw\"}").get("error").asText())
                .contains("checksum");
        assertThat(post("/redeem", "{\"pseudonym\": \"02\", \"tokens\": 5}").get("error").asText())
                .contains("must be an array");
        assertThat(post("/keys", "{}").get("error").asText()).contains("takes GET");
        assertThat(post("/issue", "{\"a\": \"" + "x".repeat(70_000) + "\"}").get("error").asText()).contains("over");
        assertThat(service.escrow().ledger().balances()).isEmpty();
    }

    private JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return mapper.readTree(response.body());
    }

    private JsonNode call(String method, String path, JsonNode body, int status) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (method.equals("GET")) {
            request.GET();
        } else {
            request.POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return mapper.readTree(response.body());
    }
}
