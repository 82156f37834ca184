package io.skywire.app.escrow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.skywire.wallet.escrow.Escrow;
import io.skywire.wallet.escrow.EscrowRefusedException;
import io.skywire.wallet.escrow.EscrowRequests;
import io.skywire.wallet.escrow.Payout;
import io.skywire.wallet.escrow.Settlement;
import io.skywire.wallet.ledger.LedgerException;
import io.skywire.wallet.payment.PromiseFormatException;
import io.skywire.wallet.payment.SignedPromise;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The escrow's JSON endpoints over HTTP on loopback, with the JDK's own server: a test network needs a handful of
 * requests per second, and the escrow's work is serialised anyway, so Netty's event loop would buy nothing here.
 * Refusals are 409 with the reason, malformed requests 400, storage failures 503; nothing else is exposed.
 */
public final class EscrowHttpServer implements AutoCloseable {

    /** Longest request body read; an issuance of 64 outputs is about 6 KiB of JSON. */
    static final int MAX_BODY = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(EscrowHttpServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private EscrowHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Serves {@code escrow} on {@code address} (port 0 picks a free one). */
    public static EscrowHttpServer start(Escrow escrow, InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 16);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        server.createContext("/keys", exchange -> respond(exchange, "GET", body -> EscrowJson.keys(escrow.keys())));
        server.createContext("/deposit", exchange -> respond(exchange, "POST", body -> EscrowJson.MAPPER
                .createObjectNode().put("address", escrow.depositAddress(EscrowJson.bytes(body, "account")).toString())));
        server.createContext("/credit", exchange -> respond(exchange, "POST", body -> EscrowJson.MAPPER
                .createObjectNode().put("credited", escrow.creditDeposits(EscrowJson.address(body, "address")).value())));
        server.createContext("/issue", exchange -> respond(exchange, "POST",
                body -> EscrowJson.signatures(escrow.issue(EscrowJson.issue(body)))));
        server.createContext("/redeem", exchange -> respond(exchange, "POST", body -> EscrowJson.MAPPER
                .createObjectNode().put("credited", escrow.redeem(EscrowJson.tokens(body),
                        EscrowJson.bytes(body, "pseudonym")).value())));
        server.createContext("/attest", exchange -> respond(exchange, "POST", body -> EscrowJson.attestation(
                escrow.attest(new EscrowRequests.Attest(EscrowJson.bytes(body, "pseudonym"),
                        EscrowJson.number(body, "expiry"), EscrowJson.bytes(body, "signature"))))));
        server.createContext("/settle", exchange -> respond(exchange, "POST", body -> {
            Settlement settlement = escrow.settle(new EscrowRequests.Settle(EscrowJson.bytes(body, "payee"),
                    EscrowJson.bytes(body, "salt"), SignedPromise.decode(EscrowJson.bytes(body, "promise")),
                    EscrowJson.bytes(body, "signature")));
            return EscrowJson.MAPPER.createObjectNode().put("paid", settlement.paid().value())
                    .put("payeeBalance", settlement.payeeBalance().value());
        }));
        server.createContext("/withdraw", exchange -> respond(exchange, "POST", body -> {
            Payout payout = escrow.withdraw(new EscrowRequests.Withdraw(EscrowJson.bytes(body, "pseudonym"),
                    EscrowJson.bytes(body, "requestId"), EscrowJson.address(body, "address"),
                    EscrowJson.bytes(body, "signature")));
            return EscrowJson.MAPPER.createObjectNode().put("amount", payout.amount().value())
                    .put("address", payout.address().toString()).put("transactionId", payout.transactionId());
        }));
        server.start();
        LOG.info("escrow serving on http://{}:{}", server.getAddress().getHostString(), server.getAddress().getPort());
        return new EscrowHttpServer(server, executor);
    }

    /** The address actually bound. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void respond(HttpExchange exchange, String method, Function<JsonNode, ObjectNode> handler)
            throws IOException {
        try (exchange) {
            int status = 200;
            ObjectNode reply;
            try {
                if (!exchange.getRequestMethod().equals(method)) {
                    throw new EscrowJson.BadRequest(exchange.getRequestURI().getPath() + " takes " + method);
                }
                reply = handler.apply(method.equals("GET") ? EscrowJson.MAPPER.createObjectNode()
                        : readBody(exchange.getRequestBody()));
            } catch (EscrowJson.BadRequest | PromiseFormatException e) {
                status = 400;
                reply = error("BAD_REQUEST", e.getMessage());
            } catch (EscrowRefusedException e) {
                status = e.reason() == EscrowRefusedException.Reason.BAD_REQUEST ? 400 : 409;
                reply = error(e.reason().name(), e.getMessage());
            } catch (LedgerException e) {
                LOG.warn("escrow storage failed on {}: {}", exchange.getRequestURI().getPath(), e.getMessage());
                status = 503;
                reply = error("UNAVAILABLE", "the escrow's storage failed; nothing was done, try again");
            } catch (IllegalArgumentException e) {
                status = 400;
                reply = error("BAD_REQUEST", e.getMessage());
            } catch (RuntimeException e) {
                // A bug, not the client's fault: logged whole here, and the client still gets an answer.
                LOG.error("escrow failed on {}", exchange.getRequestURI().getPath(), e);
                status = 500;
                reply = error("INTERNAL", "the escrow failed; nothing was done");
            }
            byte[] bytes = EscrowJson.MAPPER.writeValueAsBytes(reply);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static JsonNode readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new EscrowJson.BadRequest("request body over " + MAX_BODY + " bytes");
        }
        try {
            JsonNode node = EscrowJson.MAPPER.readTree(new String(body, StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw new EscrowJson.BadRequest("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new EscrowJson.BadRequest("the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static ObjectNode error(String reason, String message) {
        return EscrowJson.MAPPER.createObjectNode().put("error", message).put("reason", reason);
    }

    /** Stops accepting, lets requests in progress finish (up to a second), then stops the threads. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdown();
        LOG.info("escrow HTTP server stopped");
    }
}
