package io.skywire.app.ui;

import io.skywire.node.identity.NodeId;
import io.skywire.node.service.chat.ChatBook;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The chat pane's state: conversations by node key, the selected one's messages with their delivery state, the
 * field that starts a conversation from a pasted node id, and the send box. It is fed the service's events (the
 * history once, then each new one), which are idempotent here, so an event seen both in the history and live counts
 * once. Sending and reading the history run on {@code background}; results come back through {@code fx}. Every other
 * method runs on the FX thread (or the test's).
 */
public final class ChatViewModel {

    /** One conversation: the peer and how the list names it. */
    public record Conversation(NodeId peer, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** One message: {@code mine} when this node sent it; {@code delivered} once the peer acknowledged it. */
    public record ChatLine(NodeId peer, boolean mine, long sequence, long sentAtMillis, String text,
                           boolean delivered) {
        /** "sent", "delivered" (the peer acknowledged it) or "received". */
        public String state() {
            return mine ? (delivered ? "delivered" : "sent") : "received";
        }
    }

    private final Executor background;
    private final Consumer<Runnable> fx;
    private final BooleanProperty available = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("Chat starts with the node…");
    private final StringProperty selfId = new SimpleStringProperty("");
    private final ObservableList<Conversation> conversations = FXCollections.observableArrayList();
    private final ObjectProperty<Conversation> selected = new SimpleObjectProperty<>();
    private final ObservableList<ChatLine> messages = FXCollections.observableArrayList();
    private final StringProperty newPeer = new SimpleStringProperty("");
    private final StringProperty newPeerError = new SimpleStringProperty("");
    private final StringProperty draft = new SimpleStringProperty("");
    private final StringProperty sendError = new SimpleStringProperty("");
    private final BooleanProperty sending = new SimpleBooleanProperty(false);
    /** Per peer: its messages keyed "out:sequence" / "in:sequence", in arrival order. */
    private final Map<NodeId, Map<String, ChatLine>> lines = new HashMap<>();
    private final Map<NodeId, Set<Long>> acked = new HashMap<>();
    private ChatPort port;
    private NodeId testPeer;

    /**
     * @param background where sending and the history's read run (never the FX thread)
     * @param fx         how results reach the FX thread ({@code Platform::runLater}; tests run them at once)
     */
    public ChatViewModel(Executor background, Consumer<Runnable> fx) {
        this.background = background;
        this.fx = fx;
        selected.addListener((obs, old, now) -> showSelected());
    }

    /**
     * Chat runs on {@code chatPort}: new events are heard from now on, the history is read in the background.
     * {@code peer} (nullable) is the local test network's peer, started as a conversation and named "test peer".
     */
    public void connect(ChatPort chatPort, NodeId peer) {
        port = chatPort;
        testPeer = peer;
        available.set(true);
        selfId.set(chatPort.self().hex());
        status.set("Chat as " + chatPort.self().fingerprint()
                + (peer == null ? "" : "; the test peer is " + peer.fingerprint()));
        if (peer != null) {
            conversation(peer);
        }
        chatPort.onEvent(event -> fx.accept(() -> accept(event)));
        run(() -> {
            List<ChatBook.Event> history = chatPort.history();
            fx.accept(() -> history.forEach(this::accept));
        }, "the history was not read");
    }

    /** Chat is off on this node, for {@code reason}. */
    public void off(String reason) {
        port = null;
        available.set(false);
        selfId.set("");
        status.set("Chat is off: " + reason);
    }

    /** One event from the service (history or live); seeing it twice changes nothing. */
    public void accept(ChatBook.Event event) {
        if (event instanceof ChatBook.Sent sent) {
            put(new ChatLine(sent.peer(), true, sent.sequence(), sent.sentAtMillis(), sent.text(),
                    acked.getOrDefault(sent.peer(), Set.of()).contains(sent.sequence())));
        } else if (event instanceof ChatBook.Delivered in) {
            put(new ChatLine(in.peer(), false, in.sequence(), in.sentAtMillis(), in.text(), true));
        } else if (event instanceof ChatBook.Acked ack) {
            acked.computeIfAbsent(ack.peer(), key -> new HashSet<>()).add(ack.sequence());
            ChatLine line = lines.getOrDefault(ack.peer(), Map.of()).get("out:" + ack.sequence());
            if (line != null && !line.delivered()) {
                put(new ChatLine(line.peer(), true, line.sequence(), line.sentAtMillis(), line.text(), true));
            }
        }
    }

    /** Starts (or selects) the conversation with the node id typed in {@link #newPeerProperty()}. */
    public boolean startConversation() {
        String text = newPeer.get() == null ? "" : newPeer.get().trim();
        NodeId peer;
        try {
            peer = NodeId.fromHex(text);
        } catch (IllegalArgumentException e) {
            newPeerError.set(text.isEmpty() ? "paste a node id (66 hex digits)" : e.getMessage());
            return false;
        }
        if (port != null && peer.equals(port.self())) {
            newPeerError.set("that is this node's own id");
            return false;
        }
        newPeerError.set("");
        newPeer.set("");
        selected.set(conversation(peer));
        return true;
    }

    /** Sends the draft to the selected conversation in the background; the message appears through its event. */
    public void send() {
        Conversation to = selected.get();
        String text = draft.get() == null ? "" : draft.get().strip();
        if (port == null) {
            sendError.set(status.get());
            return;
        }
        if (to == null) {
            sendError.set("choose a conversation first");
            return;
        }
        if (text.isEmpty() || sending.get()) {
            return;
        }
        ChatPort chat = port;
        sending.set(true);
        sendError.set("");
        run(() -> {
            try {
                chat.send(to.peer(), text);
                fx.accept(() -> {
                    sending.set(false);
                    if (text.equals(draft.get() == null ? "" : draft.get().strip())) {
                        draft.set("");
                    }
                });
            } catch (IllegalArgumentException | IllegalStateException e) {
                fx.accept(() -> {
                    sending.set(false);
                    sendError.set("Not sent: " + e.getMessage());
                });
            }
        }, "not sent");
    }

    private void run(Runnable work, String failure) {
        try {
            background.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    fx.accept(() -> {
                        sending.set(false);
                        sendError.set(failure + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                    });
                }
            });
        } catch (RejectedExecutionException e) {
            sending.set(false);
            sendError.set(failure + ": the window is closing");
        }
    }

    private void put(ChatLine line) {
        conversation(line.peer());
        lines.computeIfAbsent(line.peer(), key -> new LinkedHashMap<>())
                .put((line.mine() ? "out:" : "in:") + line.sequence(), line);
        Conversation shown = selected.get();
        if (shown != null && shown.peer().equals(line.peer())) {
            showSelected();
        }
    }

    private Conversation conversation(NodeId peer) {
        for (Conversation c : conversations) {
            if (c.peer().equals(peer)) {
                return c;
            }
        }
        Conversation added = new Conversation(peer, peer.fingerprint() + (peer.equals(testPeer) ? " (test peer)" : ""));
        conversations.add(added);
        if (selected.get() == null) {
            selected.set(added);
        }
        return added;
    }

    private void showSelected() {
        Conversation shown = selected.get();
        if (shown == null) {
            messages.clear();
            return;
        }
        List<ChatLine> ordered = new ArrayList<>(lines.getOrDefault(shown.peer(), Map.of()).values());
        ordered.sort(Comparator.comparingLong(ChatLine::sentAtMillis));
        messages.setAll(ordered);
    }

    /** This node's full id (66 hex digits), what others paste to chat with it; empty while chat is off. */
    public StringProperty selfIdProperty() {
        return selfId;
    }

    public BooleanProperty availableProperty() {
        return available;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public ObservableList<Conversation> conversations() {
        return conversations;
    }

    public ObjectProperty<Conversation> selectedProperty() {
        return selected;
    }

    /** The selected conversation's messages, oldest first. */
    public ObservableList<ChatLine> messages() {
        return messages;
    }

    public StringProperty newPeerProperty() {
        return newPeer;
    }

    public StringProperty newPeerErrorProperty() {
        return newPeerError;
    }

    public StringProperty draftProperty() {
        return draft;
    }

    public StringProperty sendErrorProperty() {
        return sendError;
    }

    public BooleanProperty sendingProperty() {
        return sending;
    }
}
