package io.skywire.app.escrow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skywire.wallet.blind.BlindSignature;
import io.skywire.wallet.blind.Token;
import io.skywire.wallet.escrow.Attestation;
import io.skywire.wallet.escrow.EscrowKeys;
import io.skywire.wallet.escrow.EscrowRequests;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.skycoin.SkycoinAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The escrow's JSON: byte strings as lower-case hex, amounts as whole droplets; a bad field names itself. */
final class EscrowJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    /** A request body that is not what the endpoint takes; the message names the field. */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    private EscrowJson() {
    }

    static byte[] bytes(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new BadRequest("field '" + field + "' must be a hex string");
        }
        try {
            return HEX.parseHex(value.asText());
        } catch (IllegalArgumentException e) {
            throw new BadRequest("field '" + field + "' is not hex: " + e.getMessage());
        }
    }

    static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
            throw new BadRequest("field '" + field + "' must be a whole number");
        }
        return value.asLong();
    }

    static Droplets droplets(JsonNode node, String field) {
        return Droplets.of(number(node, field));
    }

    static SkycoinAddress address(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new BadRequest("field '" + field + "' must be an address");
        }
        try {
            return SkycoinAddress.parse(value.asText());
        } catch (IllegalArgumentException e) {
            throw new BadRequest("field '" + field + "': " + e.getMessage());
        }
    }

    static List<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new BadRequest("field '" + field + "' must be an array");
        }
        if (value.size() > EscrowRequests.MAX_OUTPUTS) {
            throw new BadRequest("field '" + field + "' has more than " + EscrowRequests.MAX_OUTPUTS + " items");
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    static EscrowRequests.Issue issue(JsonNode body) {
        List<EscrowRequests.BlindedOutput> outputs = new ArrayList<>();
        for (JsonNode output : array(body, "outputs")) {
            outputs.add(new EscrowRequests.BlindedOutput(droplets(output, "amount"), bytes(output, "blinded")));
        }
        return new EscrowRequests.Issue(bytes(body, "account"), bytes(body, "requestId"), outputs,
                bytes(body, "signature"));
    }

    static List<EscrowRequests.PaidToken> tokens(JsonNode body) {
        List<EscrowRequests.PaidToken> tokens = new ArrayList<>();
        for (JsonNode token : array(body, "tokens")) {
            tokens.add(new EscrowRequests.PaidToken(droplets(token, "amount"),
                    new Token(bytes(token, "secret"), bytes(token, "signature"))));
        }
        return tokens;
    }

    static ObjectNode signatures(List<BlindSignature> signatures) {
        ObjectNode result = MAPPER.createObjectNode();
        ArrayNode array = result.putArray("signatures");
        for (BlindSignature signature : signatures) {
            array.addObject().put("blindedSignature", HEX.formatHex(signature.blindedSignature()))
                    .put("e", HEX.formatHex(signature.proof().e())).put("s", HEX.formatHex(signature.proof().s()));
        }
        return result;
    }

    static ObjectNode attestation(Attestation attestation) {
        return MAPPER.createObjectNode()
                .put("statement", HEX.formatHex(attestation.statement()))
                .put("signature", HEX.formatHex(attestation.signature()))
                .put("lockedBalance", attestation.lockedBalance().value())
                .put("settledTotal", attestation.settledTotal().value())
                .put("settledCount", attestation.settledCount())
                .put("expiry", attestation.expiry());
    }

    static ObjectNode keys(EscrowKeys keys) {
        ObjectNode result = MAPPER.createObjectNode();
        result.put("attestationKey", HEX.formatHex(keys.attestationKey()));
        ObjectNode mints = result.putObject("mints");
        for (int exponent = 0; exponent <= EscrowKeys.MAX_EXPONENT; exponent++) {
            Droplets amount = Droplets.of(1L << exponent);
            mints.put(Long.toString(amount.value()), HEX.formatHex(keys.mint(amount).publicKey()));
        }
        return result;
    }
}
