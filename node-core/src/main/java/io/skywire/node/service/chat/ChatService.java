package io.skywire.node.service.chat;

import io.skywire.node.identity.NodeId;
import io.skywire.node.service.MessageType;
import io.skywire.node.service.Service;
import io.skywire.node.service.ServiceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat service on a running node: a {@link ChatBook} driven by the service host, every event written to the
 * {@link ChatHistory} before it is shown, and the book rebuilt from that history at every start (and restart), so
 * what was delivered stays delivered once and what was sent is resent until acknowledged. Every method is
 * synchronized: handlers run on the service's thread, the application calls from its own.
 */
public final class ChatService implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(ChatService.class);
    static final Duration TICK = Duration.ofMillis(500);
    public static final long DEFAULT_HISTORY_BYTES = 4L << 20;
    static final int MAX_EVENTS_SHOWN = 10_000;

    private final List<NodeId> guards;
    private final ChatHistory history;
    private final List<ChatBook.Event> events = new ArrayList<>();
    private volatile Consumer<ChatBook.Event> listener = event -> { };
    private ServiceContext context;
    private ChatBook book;

    /**
     * @param guards    this node's guard nodes (they hold messages for it while it is away)
     * @param directory where the history is kept
     * @param maxHistoryBytes the history file's bound
     */
    public ChatService(List<NodeId> guards, Path directory, long maxHistoryBytes) {
        this.guards = List.copyOf(guards);
        this.history = new ChatHistory(directory, maxHistoryBytes);
    }

    @Override
    public int channel() {
        return ChatMessages.CHANNEL;
    }

    @Override
    public String name() {
        return "chat";
    }

    @Override
    public List<MessageType<?>> messages() {
        return ChatMessages.ALL;
    }

    @Override
    public synchronized void start(ServiceContext serviceContext, Handlers handlers) {
        boolean first = context == null;
        context = serviceContext;
        book = new ChatBook(guards);
        events.clear();
        try {
            long now = System.nanoTime();
            for (ChatBook.Event event : history.load(book)) {
                remember(event);
                if (event instanceof ChatBook.Sent sent) {
                    book.restoreSent(now, sent);
                } else if (event instanceof ChatBook.Delivered delivered) {
                    book.restoreDelivered(delivered);
                } else if (event instanceof ChatBook.Acked acked) {
                    book.restoreAcked(acked);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (MessageType<?> type : ChatMessages.ALL) {
            handlers.on(type, this::handle);
        }
        book.fetchFromGuards();
        flush();
        if (first) {
            serviceContext.schedule(TICK, this::tick);
        }
    }

    private synchronized void handle(NodeId from, Record message) {
        book.handle(from, message);
        flush();
    }

    private synchronized void tick() {
        book.handleTimeout(System.nanoTime());
        flush();
        context.schedule(TICK, this::tick);
    }

    /** Sends {@code text} to {@code to}; returns the message's sequence number. */
    public synchronized long send(NodeId to, String text) {
        if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > ChatMessages.MAX_TEXT) {
            throw new IllegalArgumentException("text longer than " + ChatMessages.MAX_TEXT + " bytes");
        }
        long sequence = book.send(System.nanoTime(), System.currentTimeMillis(), to, text);
        flush();
        return sequence;
    }

    /** Every event so far (history first), oldest first. */
    public synchronized List<ChatBook.Event> history() {
        return List.copyOf(events);
    }

    /** Messages to {@code peer} not yet acknowledged. */
    public synchronized int unacknowledged(NodeId peer) {
        return book.unacknowledged(peer);
    }

    /** Messages held here for {@code recipient}, as its guard. */
    public synchronized int holdingFor(NodeId recipient) {
        return book.holdingFor(recipient);
    }

    /** Who hears each new event (after it is on disk); runs on the service's thread, must not block. */
    public void onEvent(Consumer<ChatBook.Event> newListener) {
        this.listener = newListener;
    }

    /** Keeps the newest {@link #MAX_EVENTS_SHOWN} events in memory; the file keeps what its bound allows. */
    private void remember(ChatBook.Event event) {
        events.add(event);
        if (events.size() > MAX_EVENTS_SHOWN) {
            events.subList(0, events.size() - MAX_EVENTS_SHOWN).clear();
        }
    }

    private void flush() {
        ChatBook.Event event;
        while ((event = book.pollEvent()) != null) {
            try {
                history.append(event, book);
            } catch (IOException e) {
                throw new UncheckedIOException("chat history not written", e);
            }
            remember(event);
            listener.accept(event);
        }
        ChatBook.Outgoing out;
        while ((out = book.pollOutgoing()) != null) {
            NodeId to = out.to();
            context.send(to, out.message()).exceptionally(error -> {
                LOG.debug("chat message to {} not sent: {}", to.fingerprint(), error.toString());
                return null;
            });
        }
    }
}
