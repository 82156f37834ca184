package io.skywire.node.service.sync;

import io.skywire.node.discovery.DhtKey;
import io.skywire.node.identity.NodeId;
import io.skywire.node.identity.NodeKeyPair;
import io.skywire.node.service.AppendOnlyFile;
import io.skywire.node.service.MessageFormatException;
import io.skywire.node.service.MessageType;
import io.skywire.node.service.Service;
import io.skywire.node.service.ServiceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync service on a running node: {@link SyncNode} driven by the service host, every log kept in the node's
 * data directory ({@code sync/<key hex>.log}, one {@link AppendOnlyFile} record per entry, verified again when
 * read). Followers of a key find each other by the key's hash ({@link #topic}): DHT providers, then the host's
 * peer exchange. Refused entries report their sender to the host (counted, logged, scored).
 *
 * <p>State lives in the SyncNode and on disk; the handlers only drive it, so a restart after a crash reloads the
 * logs from disk and carries on. Every method is synchronized: handlers run on the service's thread, the
 * application calls from its own.
 */
public final class SyncService implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);
    /** How often the known peers are taken from the host and every head is announced again. */
    static final Duration TICK = Duration.ofSeconds(2);
    public static final int MAX_ENTRIES_PER_LOG = 100_000;

    private final NodeKeyPair keys;
    private final Path directory;
    private final List<NodeId> initiallyFollowed;
    private ServiceContext context;
    private SyncNode node;
    private int ticks;

    /**
     * @param keys      the node's key pair: the node may append to its own key's log
     * @param directory where the logs are kept
     * @param follow    logs to follow from the start (more with {@link #follow})
     */
    public SyncService(NodeKeyPair keys, Path directory, List<NodeId> follow) {
        this.keys = keys;
        this.directory = directory;
        this.initiallyFollowed = List.copyOf(follow);
    }

    /** Where the followers of {@code key} meet: SHA-256("skywire service" || key), PROTOCOL 4.2. */
    public static byte[] topic(NodeId key) {
        return DhtKey.ofService(key.key()).bytes();
    }

    @Override
    public int channel() {
        return SyncMessages.CHANNEL;
    }

    @Override
    public String name() {
        return "sync";
    }

    @Override
    public List<MessageType<?>> messages() {
        return SyncMessages.ALL;
    }

    @Override
    public synchronized void start(ServiceContext serviceContext, Handlers handlers) {
        boolean first = context == null;
        this.context = serviceContext;
        Set<NodeId> followed = new java.util.HashSet<>(initiallyFollowed);
        followed.addAll(onDisk());
        if (node != null) {
            followed.addAll(node.followed());
        }
        node = new SyncNode(MAX_ENTRIES_PER_LOG);
        for (NodeId key : followed) {
            followNow(key);
        }
        handlers.on(SyncMessages.HEAD, this::handle);
        handlers.on(SyncMessages.REQUEST, this::handle);
        handlers.on(SyncMessages.ENTRIES, this::handle);
        if (first) {
            serviceContext.schedule(TICK, this::tick);
        }
    }

    private synchronized void handle(NodeId from, Record message) {
        node.handle(from, message);
        flush();
    }

    private synchronized void tick() {
        ticks++;
        for (NodeId key : node.followed()) {
            for (NodeId peer : context.peers(topic(key))) {
                node.addPeer(key, peer);
            }
        }
        if (ticks % 5 == 0) {
            node.announceAll();
        }
        flush();
        context.schedule(TICK, this::tick);
    }

    /** Follows {@code key}'s log from now on (idempotent). */
    public synchronized void follow(NodeId key) {
        if (!node.follows(key)) {
            followNow(key);
            flush();
        }
    }

    private void followNow(NodeId key) {
        node.restore(key, load(key));
        try {
            file(key).create(); // a log file marks the key as followed across restarts
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log of " + key.fingerprint(), e);
        }
        context.join(topic(key));
        for (NodeId peer : context.peers(topic(key))) {
            node.addPeer(key, peer);
        }
    }

    /** Appends {@code payload} to this node's own log (following it first); returns the new entry. */
    public synchronized LogEntry append(byte[] payload) {
        NodeId own = keys.nodeId();
        follow(own);
        LogEntry entry = LogEntry.append(keys, node.log(own).head(), payload);
        if (!node.append(entry)) {
            throw new IllegalStateException("the entry does not extend the log");
        }
        flush();
        return entry;
    }

    /** The entries held of {@code key}'s log (empty when not followed). */
    public synchronized List<LogEntry> entries(NodeId key) {
        SignedLog log = node.log(key);
        return log == null ? List.of() : log.entries();
    }

    /** The logs followed. */
    public synchronized Set<NodeId> followed() {
        return node.followed();
    }

    private void flush() {
        LogEntry appended;
        while ((appended = node.pollAppended()) != null) {
            store(appended);
        }
        SyncNode.Report report;
        while ((report = node.pollReport()) != null) {
            context.report(report.peer(), report.offence() + " " + report.detail());
        }
        SyncNode.Outgoing out;
        while ((out = node.pollOutgoing()) != null) {
            NodeId to = out.to();
            context.send(to, out.message()).exceptionally(error -> {
                LOG.debug("sync message to {} not sent: {}", to.fingerprint(), error.toString());
                return null;
            });
        }
    }

    /** The keys with a log file: followed before. */
    private Set<NodeId> onDisk() {
        Set<NodeId> keys = new java.util.HashSet<>();
        try (var files = java.nio.file.Files.list(directory)) {
            files.map(path -> path.getFileName().toString()).filter(name -> name.matches("[0-9a-f]{66}\\.log"))
                    .forEach(name -> {
                        try {
                            keys.add(NodeId.fromHex(name.substring(0, 66)));
                        } catch (IllegalArgumentException e) {
                            LOG.warn("{} is not named after a key", name);
                        }
                    });
        } catch (java.nio.file.NoSuchFileException e) {
            return keys;
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", directory, e.toString());
        }
        return keys;
    }

    private AppendOnlyFile file(NodeId key) {
        return new AppendOnlyFile(directory.resolve(key.hex() + ".log"));
    }

    private void store(LogEntry entry) {
        try {
            file(entry.key()).append(entry.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + entry, e);
        }
    }

    private List<LogEntry> load(NodeId key) {
        List<LogEntry> entries = new ArrayList<>();
        try {
            for (byte[] record : file(key).readAll()) {
                entries.add(LogEntry.decode(record));
            }
        } catch (IOException | MessageFormatException e) {
            LOG.warn("log {} on disk is damaged after {} entries: {}", key.fingerprint(), entries.size(),
                    e.toString());
        }
        return entries;
    }
}
