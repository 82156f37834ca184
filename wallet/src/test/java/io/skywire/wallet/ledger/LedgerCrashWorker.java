package io.skywire.wallet.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A process that posts three-entry postings to a ledger until it is killed; {@link LedgerCrashTest} kills it. */
public final class LedgerCrashWorker {

    /** Logged once the database is open, so the test kills the worker while it posts, not while it starts. */
    static final String READY = "crash worker posting after operation";
    private static final Logger LOG = LoggerFactory.getLogger(LedgerCrashWorker.class);

    private LedgerCrashWorker() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        WalletDatabase database = WalletDatabase.open(file);
        Ledger ledger = new Ledger(database, Clock.systemUTC());
        // Ids may skip after a crash (H2 caches identity values), so the operation number comes from the count.
        long done = database.inTransaction(connection -> {
            try (var query = connection.prepareStatement("SELECT COUNT(*) FROM posting");
                 var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
        LOG.info("{} {}", READY, done);
        // Post until killed: the test sends SIGKILL at a random moment, often in the middle of a transaction.
        // After each commit the operation number goes to a side file (page cache only: a SIGKILL does not lose it),
        // so the test can tell whether a commit that returned was lost.
        try (FileChannel committed = FileChannel.open(Path.of(args[0] + ".committed"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            ByteBuffer number = ByteBuffer.allocate(Long.BYTES);
            for (long operation = done + 1; ; operation++) {
                long a = 1 + random.nextInt(1_000_000);
                long b = 1 + random.nextInt(1_000_000);
                ledger.post(new Posting(Optional.of("op-" + operation), "operation " + operation, List.of(
                        new Posting.Entry("source", Droplets.of(-(a + b))),
                        new Posting.Entry("sink-" + random.nextInt(5), Droplets.of(a)),
                        new Posting.Entry("sink-" + random.nextInt(5), Droplets.of(b)))));
                number.clear();
                number.putLong(operation).flip();
                committed.write(number, 0);
            }
        }
    }
}
