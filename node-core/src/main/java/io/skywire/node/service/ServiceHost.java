package io.skywire.node.service;

import io.skywire.node.discovery.DhtKey;
import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.identity.NodeId;
import io.skywire.node.identity.NodeKeyPair;
import io.skywire.node.limit.SourceLimiter;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.runtime.RouteDispatcher;
import io.skywire.node.runtime.RouteSession;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs services on a node (docs/PROTOCOL.md 8): one route per peer and channel, opened with a signed
 * {@link ServiceOpen}, carrying {@link ServiceFrames}. Bytes arrive on the node's event loop, where frames are cut,
 * rate-limited per peer (a {@link SourceLimiter} keyed by node key) and decoded; handlers run on one thread per service
 * with a bounded queue, so a slow or crashing handler never holds the loop. A handler that throws is logged and
 * counted and its service restarted; nothing a peer sends reaches past the counters.
 */
public final class ServiceHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceHost.class);

    /**
     * Limits and intervals.
     *
     * @param maxQueuedPerPeer messages to one peer waiting for the route's flow control before sends are refused
     * @param handlerQueue     messages waiting for a service's handlers before they are refused (QUEUE_FULL)
     * @param perPeerRate      messages per second one peer may send (all channels)
     * @param perPeerBurst     messages one peer may send at once
     * @param globalRate       messages per second from all peers together
     * @param rejoinInterval   how often a joined topic is looked up again in the DHT
     */
    public record Settings(int maxQueuedPerPeer, int handlerQueue, double perPeerRate, double perPeerBurst,
                           double globalRate, Duration rejoinInterval) {
        public Settings {
            if (maxQueuedPerPeer < 1 || handlerQueue < 1 || perPeerRate <= 0 || perPeerBurst < 1 || globalRate <= 0) {
                throw new IllegalArgumentException("limits must be positive");
            }
            Objects.requireNonNull(rejoinInterval, "rejoinInterval");
        }

        public static Settings defaults() {
            return new Settings(256, 1_024, 200, 400, 5_000, Duration.ofSeconds(30));
        }

        public Settings withPerPeerRate(double rate, double burst) {
            return new Settings(maxQueuedPerPeer, handlerQueue, rate, burst, globalRate, rejoinInterval);
        }

        public Settings withMaxQueuedPerPeer(int max) {
            return new Settings(max, handlerQueue, perPeerRate, perPeerBurst, globalRate, rejoinInterval);
        }
    }

    private record ConnectionKey(int channel, NodeId peer) {
    }

    private final NodeRuntime node;
    private final NodeKeyPair keys;
    private final PathFinder paths;
    private final Settings settings;
    private final ServiceCounters counters = new ServiceCounters();
    private final PeerScores scores = new PeerScores();
    private final SourceLimiter<NodeId> limiter;
    private final SecureRandom random = new SecureRandom();
    private final Map<Integer, RunningService> services = new ConcurrentHashMap<>();
    private final Map<ConnectionKey, Connection> connections = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private RouteDispatcher.Registration registration;
    private volatile boolean closed;

    private ServiceHost(NodeRuntime node, NodeKeyPair keys, PathFinder paths, Settings settings) {
        this.node = node;
        this.keys = keys;
        this.paths = paths;
        this.settings = settings;
        this.limiter = new SourceLimiter<>(settings.perPeerRate(), settings.perPeerBurst(), settings.globalRate(),
                settings.globalRate() * 2, 4_096);
        this.timer = Executors.newSingleThreadScheduledExecutor(
                daemonThreads("skywire-services-timer-" + keys.nodeId().fingerprint()));
    }

    /**
     * Serves the node's service routes (those whose first byte is {@link ServiceOpen#KIND}; the node's other route
     * kinds, such as a gateway's, stay with their own handlers) and returns the host, with no services registered.
     *
     * @param keys the node's own key pair, which signs the openings
     * @throws IllegalStateException when the node already runs a service host
     */
    public static ServiceHost start(NodeRuntime node, NodeKeyPair keys, PathFinder paths, Settings settings) {
        if (!keys.nodeId().equals(node.nodeId())) {
            throw new IllegalArgumentException("keys are not the node's");
        }
        ServiceHost host = new ServiceHost(node, keys, paths, settings);
        try {
            host.registration = node.serveRouteKind(ServiceOpen.KIND, host::accept);
        } catch (RuntimeException e) {
            host.timer.shutdownNow();
            throw e;
        }
        return host;
    }

    /** {@link #start(NodeRuntime, NodeKeyPair, PathFinder, Settings)} with paths over the known links, defaults. */
    public static ServiceHost start(NodeRuntime node, NodeKeyPair keys) {
        return start(node, keys, PathFinder.overKnownLinks(node), Settings.defaults());
    }

    /** Starts {@code service} on its own thread; its channel must be free. Returns its context. */
    public ServiceContext register(Service service) {
        RunningService running = new RunningService(this, service, settings.handlerQueue());
        if (services.putIfAbsent(service.channel(), running) != null) {
            running.shutdown();
            throw new IllegalArgumentException("channel " + service.channel() + " is taken");
        }
        try {
            running.executor.submit(running::startService).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("service {} did not start in time", service.name(), e);
        }
        return running.context;
    }

    public ServiceCounters counters() {
        return counters;
    }

    public PeerScores scores() {
        return scores;
    }

    public NodeId self() {
        return keys.nodeId();
    }

    NodeRuntime node() {
        return node;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    Settings settings() {
        return settings;
    }

    SecureRandom random() {
        return random;
    }

    // --- sending ---

    CompletableFuture<Void> send(RunningService service, NodeId peer, Record message) {
        byte[] frame;
        try {
            frame = service.codec.encode(message);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("service host closed"));
        }
        if (peer.equals(self())) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("a service does not send to itself"));
        }
        ConnectionKey key = new ConnectionKey(service.service.channel(), peer);
        Connection connection = connections.computeIfAbsent(key, k -> openOutgoing(k));
        CompletableFuture<Void> sent = connection.send(frame, settings.maxQueuedPerPeer());
        sent.whenComplete((ok, error) -> {
            if (error == null) {
                counters.increment(ServiceCounter.MESSAGES_SENT);
            } else if (error instanceof BackPressureException) {
                counters.increment(ServiceCounter.SENDS_BACK_PRESSURED);
            } else {
                counters.increment(ServiceCounter.SENDS_FAILED);
            }
        });
        return sent;
    }

    private Connection openOutgoing(ConnectionKey key) {
        Connection connection = new Connection(key.peer(), key.channel(), false);
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        byte[] open = ServiceOpen.sign(keys, key.channel(), key.peer(), nonce).encode();
        paths.pathTo(key.peer())
                .thenCompose(node::openRoute)
                .whenComplete((session, error) -> {
                    if (error != null) {
                        LOG.debug("no route to service peer {}: {}", key.peer().fingerprint(), error.toString());
                        connections.remove(key, connection);
                        connection.fail(error);
                        return;
                    }
                    counters.increment(ServiceCounter.ROUTES_OPENED);
                    session.send(open);
                    attach(key, connection, session);
                    session.onReceive(bytes -> received(key, connection, bytes));
                });
        return connection;
    }

    /** Wires a route to a connection: its end to the connection's end. */
    private void attach(ConnectionKey key, Connection connection, RouteSession session) {
        connection.established(session);
        session.ended().thenRun(() -> {
            connections.remove(key, connection);
            connection.fail(new IllegalStateException("route to " + key.peer().fingerprint() + " ended"));
        });
    }

    // --- receiving, on the node's event loop ---

    /**
     * An incoming route: its first {@link ServiceOpen#BYTES} bytes are the opening, the rest frames. One receiver
     * for the route's whole life (a receiver set later would miss payloads delivered before it takes over).
     */
    private void accept(RouteSession session) {
        if (closed) {
            session.close();
            return;
        }
        session.onReceive(new java.util.function.Consumer<>() {
            private byte[] head = new byte[0];
            private boolean refused;
            private ConnectionKey key;
            private Connection connection;

            @Override
            public void accept(byte[] bytes) {
                if (connection != null) {
                    received(key, connection, bytes);
                    return;
                }
                if (refused) {
                    return;
                }
                byte[] all = concat(head, bytes);
                if (all.length < ServiceOpen.BYTES) {
                    if (all.length > 0 && all[0] != ServiceOpen.KIND) {
                        refused = true;
                        refuseOpen(session, "not a service route");
                    }
                    head = all;
                    return;
                }
                ServiceOpen open = opened(session, java.util.Arrays.copyOf(all, ServiceOpen.BYTES));
                if (open == null) {
                    refused = true;
                    return;
                }
                key = new ConnectionKey(open.channel(), open.origin());
                connection = new Connection(open.origin(), open.channel(), true);
                // Replies use the newest route from the peer unless one of our own is open.
                connections.merge(key, connection, (old, fresh) -> old.inbound ? fresh : old);
                attach(key, connection, session);
                if (all.length > ServiceOpen.BYTES) {
                    received(key, connection, java.util.Arrays.copyOfRange(all, ServiceOpen.BYTES, all.length));
                }
            }
        });
    }

    /** The verified opening, or null when the route was refused. */
    private ServiceOpen opened(RouteSession session, byte[] openBytes) {
        ServiceOpen open;
        try {
            open = ServiceOpen.decode(openBytes);
        } catch (MessageFormatException e) {
            refuseOpen(session, e.getMessage());
            return null;
        }
        if (!open.verifiedFor(self())) {
            refuseOpen(session, "opening not signed by its origin " + open.origin().fingerprint());
            return null;
        }
        if (!services.containsKey(open.channel())) {
            refuseOpen(session, "no service on channel " + open.channel());
            return null;
        }
        counters.increment(ServiceCounter.ROUTES_ACCEPTED);
        return open;
    }

    private void refuseOpen(RouteSession session, String why) {
        counters.increment(ServiceCounter.OPENS_REFUSED);
        LOG.debug("service route refused: {}", why);
        session.close();
    }

    private void received(ConnectionKey key, Connection connection, byte[] bytes) {
        List<ServiceFrames.Frame> frames;
        try {
            frames = connection.reader.feed(bytes);
        } catch (ServiceFrames.BrokenStreamException e) {
            counters.increment(ServiceCounter.STREAMS_BROKEN);
            report(key.peer(), "broken service stream: " + e.getMessage());
            connection.close();
            return;
        }
        RunningService service = services.get(key.channel());
        for (ServiceFrames.Frame frame : frames) {
            counters.increment(ServiceCounter.MESSAGES_RECEIVED);
            if (scores.banned(key.peer())) {
                counters.increment(ServiceCounter.FROM_BANNED_PEERS);
                continue;
            }
            if (!allow(key.peer())) {
                counters.increment(ServiceCounter.REFUSED_RATE_LIMITED);
                continue;
            }
            if (service == null) {
                return;
            }
            MessageCodec.Decoded decoded = service.codec.decode(frame);
            if (decoded instanceof MessageCodec.Refused refused) {
                counters.increment(ServiceCounter.of(refused.reason()));
                LOG.debug("{} from {} refused: {} ({})", service.service.name(), key.peer().fingerprint(),
                        refused.reason(), refused.detail());
                if (frame.type() != HostMessages.REFUSED.type()) {
                    send(service, key.peer(), new HostMessages.Refused(frame.type(), frame.version(),
                            refused.reason()));
                }
            } else {
                service.deliver(key.peer(), (MessageCodec.Message) decoded);
            }
        }
    }

    private boolean allow(NodeId peer) {
        synchronized (limiter) {
            return limiter.allow(peer, System.nanoTime());
        }
    }

    // --- topics ---

    CompletableFuture<Set<NodeId>> find(byte[] topic) {
        return node.discovery().findProviders(DhtKey.of(topic)).thenApply(records -> records.stream()
                .map(NodeRecord::nodeKey).filter(id -> !id.equals(self())).collect(Collectors.toSet()));
    }

    void report(NodeId peer, String reason) {
        counters.increment(ServiceCounter.PEERS_REPORTED);
        boolean banned = scores.report(peer);
        LOG.warn("service peer {} reported: {}{}", peer.fingerprint(), reason, banned ? " (banned)" : "");
    }

    /** Stops every service and closes every route. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        registration.close();
        for (Connection connection : connections.values()) {
            connection.close();
        }
        connections.clear();
        for (RunningService service : services.values()) {
            service.shutdown();
        }
        timer.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * One route to a peer for one channel. Frames sent before the route is up wait here in order (a future's
     * dependants would run in no guaranteed order); at most {@code maxQueued} messages wait for the route's flow
     * control at any time, which is the per-peer bound.
     */
    private static final class Connection {
        final NodeId peer;
        final int channel;
        final boolean inbound;
        final ServiceFrames.Reader reader = new ServiceFrames.Reader();
        private final AtomicInteger waiting = new AtomicInteger();
        private final ArrayDeque<Object[]> early = new ArrayDeque<>();
        private RouteSession session;
        private Throwable failure;

        Connection(NodeId peer, int channel, boolean inbound) {
            this.peer = peer;
            this.channel = channel;
            this.inbound = inbound;
        }

        CompletableFuture<Void> send(byte[] frame, int maxQueued) {
            if (waiting.incrementAndGet() > maxQueued) {
                waiting.decrementAndGet();
                return CompletableFuture.failedFuture(new BackPressureException(maxQueued
                        + " messages to " + peer.fingerprint() + " are still waiting for the route"));
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            done.whenComplete((ok, error) -> waiting.decrementAndGet());
            synchronized (this) {
                if (failure != null) {
                    done.completeExceptionally(failure);
                } else if (session == null) {
                    early.addLast(new Object[] {frame, done});
                } else {
                    forward(session.send(frame), done);
                }
            }
            return done;
        }

        private static void forward(CompletableFuture<Void> from, CompletableFuture<Void> to) {
            from.whenComplete((ok, error) -> {
                if (error != null) {
                    to.completeExceptionally(error);
                } else {
                    to.complete(null);
                }
            });
        }

        synchronized void established(RouteSession route) {
            session = route;
            Object[] pending;
            while ((pending = early.pollFirst()) != null) {
                @SuppressWarnings("unchecked")
                CompletableFuture<Void> done = (CompletableFuture<Void>) pending[1];
                forward(route.send((byte[]) pending[0]), done);
            }
        }

        synchronized void fail(Throwable error) {
            failure = error;
            Object[] pending;
            while ((pending = early.pollFirst()) != null) {
                @SuppressWarnings("unchecked")
                CompletableFuture<Void> done = (CompletableFuture<Void>) pending[1];
                done.completeExceptionally(error);
            }
        }

        synchronized void close() {
            if (session != null) {
                session.close();
            }
            fail(new IllegalStateException("connection closed"));
        }
    }

    /** A registered service: its codec, its thread, its current handlers and its topics. */
    static final class RunningService {
        final ServiceHost host;
        final Service service;
        final MessageCodec codec;
        final ThreadPoolExecutor executor;
        final Context context;
        final TopicPeers topics;
        private final Set<String> joined = ConcurrentHashMap.newKeySet();
        private volatile Map<Integer, Service.Handler<Record>> handlers = Map.of();

        RunningService(ServiceHost host, Service service, int queue) {
            this.host = host;
            this.service = service;
            this.codec = new MessageCodec(service.messages());
            this.topics = new TopicPeers(host.self(), host.random());
            this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                    daemonThreads("skywire-service-" + service.name() + "-" + host.self().fingerprint()));
            this.context = new Context(this);
        }

        private void startService() {
            Map<Integer, Service.Handler<Record>> fresh = new ConcurrentHashMap<>();
            Service.Handlers registration = new Service.Handlers() {
                @Override
                @SuppressWarnings("unchecked")
                public <T extends Record> void on(MessageType<T> type, Service.Handler<? super T> handler) {
                    fresh.put((type.type() << 8) | type.version(), (Service.Handler<Record>) handler);
                }
            };
            try {
                service.start(context, registration);
            } catch (RuntimeException e) {
                LOG.warn("service {} failed to start", service.name(), e);
            }
            handlers = fresh;
        }

        /** On the event loop: host messages handled here, the service's queued for its thread. */
        void deliver(NodeId from, MessageCodec.Message message) {
            Record record = message.message();
            if (record instanceof HostMessages.PeersRequest request) {
                HostMessages.Peers answer;
                synchronized (topics) {
                    topics.add(request.topic(), from);
                    answer = topics.answer(request.topic(), from);
                }
                host.send(this, from, answer);
                return;
            }
            if (record instanceof HostMessages.Peers peers) {
                List<NodeId> fresh;
                synchronized (topics) {
                    topics.add(peers.topic(), from);
                    fresh = topics.learn(peers);
                }
                for (NodeId peer : fresh) {
                    host.counters.increment(ServiceCounter.PEX_PEERS_LEARNED);
                    if (joined.contains(HexFormat.of().formatHex(peers.topic()))) {
                        host.send(this, peer, new HostMessages.PeersRequest(peers.topic()));
                    }
                }
                return;
            }
            int key = (message.type().type() << 8) | message.type().version();
            try {
                executor.execute(() -> handle(from, key, record));
            } catch (RejectedExecutionException full) {
                host.counters.increment(ServiceCounter.REFUSED_QUEUE_FULL);
            }
        }

        private void handle(NodeId from, int key, Record record) {
            if (record instanceof HostMessages.Refused refused) {
                host.counters.increment(ServiceCounter.REFUSALS_RECEIVED);
                LOG.debug("{}: {} refused our type {} version {}: {}", service.name(), from.fingerprint(),
                        refused.type(), refused.version(), refused.reason());
                guard(() -> service.refusedBy(from, refused));
                return;
            }
            Service.Handler<Record> handler = handlers.get(key);
            if (handler == null) {
                LOG.debug("{} has no handler for {}", service.name(), record.getClass().getSimpleName());
                return;
            }
            if (guard(() -> handler.handle(from, record))) {
                host.counters.increment(ServiceCounter.MESSAGES_HANDLED);
            }
        }

        private interface Call {
            void run() throws Exception;
        }

        /** Runs service code; a throw is logged and counted and restarts the service. */
        boolean guard(Call call) {
            try {
                call.run();
                return true;
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Exception | Error crash) {
                host.counters.increment(ServiceCounter.HANDLER_CRASHES);
                LOG.warn("service {} crashed in a handler; restarting it", service.name(), crash);
                try {
                    service.stop();
                } catch (RuntimeException e) {
                    LOG.warn("service {} failed to stop", service.name(), e);
                }
                startService();
                host.counters.increment(ServiceCounter.SERVICE_RESTARTS);
                return false;
            }
        }

        void runOnItsThread(Runnable task) {
            try {
                executor.execute(() -> guard(task::run));
            } catch (RejectedExecutionException e) {
                LOG.debug("{}: task dropped, queue full or stopped", service.name());
            }
        }

        void join(byte[] topic) {
            String key = HexFormat.of().formatHex(topic);
            if (!joined.add(key)) {
                return;
            }
            host.node().discovery().announceProvider(DhtKey.of(topic));
            lookUp(topic);
        }

        private void lookUp(byte[] topic) {
            if (host.closed || !joined.contains(HexFormat.of().formatHex(topic))) {
                return;
            }
            host.find(topic).thenAccept(found -> {
                for (NodeId peer : found) {
                    boolean fresh;
                    synchronized (topics) {
                        fresh = topics.add(topic, peer);
                    }
                    if (fresh) {
                        host.send(this, peer, new HostMessages.PeersRequest(topic));
                    }
                }
            });
            try {
                host.timer().schedule(() -> lookUp(topic), host.settings().rejoinInterval().toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                // the host is closing
            }
        }

        void shutdown() {
            if (executor.isShutdown()) {
                return;
            }
            executor.execute(() -> {
                try {
                    service.stop();
                } catch (RuntimeException e) {
                    LOG.warn("service {} failed to stop", service.name(), e);
                }
            });
            executor.shutdown();
        }
    }

    /** The context a service sees. */
    private static final class Context implements ServiceContext {
        private final RunningService running;

        Context(RunningService running) {
            this.running = running;
        }

        @Override
        public NodeId self() {
            return running.host.self();
        }

        @Override
        public CompletableFuture<Void> send(NodeId peer, Record message) {
            return running.host.send(running, peer, message);
        }

        @Override
        public void join(byte[] topic) {
            running.join(topic.clone());
        }

        @Override
        public void leave(byte[] topic) {
            running.joined.remove(HexFormat.of().formatHex(topic));
            running.host.node().discovery().stopAnnouncing(DhtKey.of(topic));
        }

        @Override
        public CompletableFuture<Set<NodeId>> find(byte[] topic) {
            return running.host.find(topic);
        }

        @Override
        public Set<NodeId> peers(byte[] topic) {
            Set<NodeId> peers;
            synchronized (running.topics) {
                peers = running.topics.peers(topic);
            }
            return peers.stream().filter(peer -> !running.host.scores.banned(peer)).collect(Collectors.toSet());
        }

        @Override
        public void addPeer(byte[] topic, NodeId peer) {
            synchronized (running.topics) {
                running.topics.add(topic, peer);
            }
        }

        @Override
        public void report(NodeId peer, String reason) {
            running.host.report(peer, running.service.name() + ": " + reason);
        }

        @Override
        public void schedule(Duration delay, Runnable task) {
            try {
                running.host.timer().schedule(() -> running.runOnItsThread(task), delay.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                // the host is closing
            }
        }
    }
}
