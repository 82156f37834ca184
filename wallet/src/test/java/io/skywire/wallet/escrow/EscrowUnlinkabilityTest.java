package io.skywire.wallet.escrow;

import static io.skywire.wallet.escrow.EscrowFixture.secret;
import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.ledger.WalletDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads every table of the escrow after two origins moved value from their deposit accounts to fresh pseudonyms,
 * and finds nothing that ties a deposit account to the pseudonym its tokens were redeemed into.
 *
 * <p>What remains, and cannot be removed by any escrow that keeps books: the order of postings and their amounts.
 * Origins break both by redeeming later, in power-of-two denominations mixed with other origins' tokens; this test
 * redeems in the opposite order of issuance and with the same amounts, so order and amount say nothing here.
 */
class EscrowUnlinkabilityTest {

    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;

    @Test
    void theEscrowsTablesHoldNothingThatLinksADepositToAPseudonym() throws Exception {
        Map<String, String> pseudonymOf = new HashMap<>();
        try (EscrowFixture fixture = new EscrowFixture(dir, Clock.systemUTC())) {
            byte[] alice = secret("alice deposit account");
            byte[] bob = secret("bob deposit account");
            fixture.deposit("alice coins", alice, Droplets.ofSky(2));
            fixture.deposit("bob coins", bob, Droplets.ofSky(2));
            var aliceTokens = fixture.tokens(alice, Droplets.ofSky(1));
            var bobTokens = fixture.tokens(bob, Droplets.ofSky(1));
            byte[] aliceP = fixture.secp.publicKey(secret("alice pseudonym"));
            byte[] bobP = fixture.secp.publicKey(secret("bob pseudonym"));
            fixture.escrow.redeem(bobTokens, bobP);
            fixture.escrow.redeem(aliceTokens, aliceP);
            pseudonymOf.put(account(fixture.secp.publicKey(alice)), account(aliceP));
            pseudonymOf.put(account(fixture.secp.publicKey(bob)), account(bobP));
            Set<String> wire = new HashSet<>();
            fixture.wire.forEach(bytes -> wire.add(HEX.formatHex(bytes)));
            fixture.close();

            try (WalletDatabase database = WalletDatabase.open(dir.resolve("escrow"), "escrow-db",
                    "classpath:db/escrow")) {
                Map<String, List<Map<String, String>>> tables = database.inTransaction(EscrowUnlinkabilityTest::dump);
                assertThat(tables).containsKeys("DEPOSIT_ADDRESS", "SPENT_TOKEN", "POSTING", "ENTRY");

                for (var table : tables.entrySet()) {
                    for (Map<String, String> row : table.getValue()) {
                        for (String value : row.values().stream().filter(v -> v != null).toList()) {
                            for (String sent : wire) {
                                assertThat(value).as("%s holds a blinded message or signature", table.getKey())
                                        .doesNotContainIgnoringCase(sent);
                            }
                        }
                        pseudonymOf.forEach((deposit, pseudonym) -> assertThat(row.containsValue(deposit)
                                && row.containsValue(pseudonym))
                                .as("a %s row names both a deposit account and its pseudonym", table.getKey())
                                .isFalse());
                    }
                }
                // Postings that touch a deposit account share no posting with the pseudonym it paid for.
                Map<String, Set<String>> postingsOf = new HashMap<>();
                for (Map<String, String> entry : tables.get("ENTRY")) {
                    postingsOf.computeIfAbsent(entry.get("ACCOUNT"), a -> new HashSet<>()).add(entry.get("POSTING_ID"));
                }
                pseudonymOf.forEach((deposit, pseudonym) -> assertThat(postingsOf.get(deposit))
                        .doesNotContainAnyElementsOf(postingsOf.get(pseudonym)));
                // Times are kept to the hour, so they do not pair an issuance with a redemption minutes later.
                for (Map<String, String> posting : tables.get("POSTING")) {
                    OffsetDateTime time = OffsetDateTime.parse(posting.get("CREATED_AT").replace(' ', 'T'));
                    assertThat(time.getMinute() + time.getSecond() + time.getNano()).isZero();
                    assertThat(posting.get("REFERENCE") == null ? "" : posting.get("REFERENCE"))
                            .doesNotContain(pseudonymOf.get(account(fixture.secp.publicKey(alice))).substring(10));
                }
                // Only Y = hash_to_curve(secret) of each spent token is kept, and it appears nowhere else.
                for (Map<String, String> spent : tables.get("SPENT_TOKEN")) {
                    long elsewhere = tables.entrySet().stream().filter(t -> !t.getKey().equals("SPENT_TOKEN"))
                            .flatMap(t -> t.getValue().stream()).filter(row -> row.containsValue(spent.get("Y")))
                            .count();
                    assertThat(elsewhere).isZero();
                }
            }
        }
    }

    private static String account(byte[] publicKey) {
        return "pseudonym:" + HEX.formatHex(publicKey);
    }

    private static Map<String, List<Map<String, String>>> dump(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet tables = connection.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                names.add(tables.getString("TABLE_NAME"));
            }
        }
        Map<String, List<Map<String, String>>> dump = new HashMap<>();
        for (String name : names) {
            List<Map<String, String>> rows = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT * FROM \"" + name + "\"")) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    Map<String, String> row = new HashMap<>();
                    for (int column = 1; column <= meta.getColumnCount(); column++) {
                        row.put(meta.getColumnName(column), result.getString(column));
                    }
                    rows.add(row);
                }
            }
            dump.put(name, rows);
        }
        return dump;
    }
}
