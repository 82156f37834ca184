package io.skywire.app.ui;

import static io.skywire.app.ui.UiFixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.identity.NodeId;
import io.skywire.node.service.chat.ChatBook;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chat pane's view model over a fake chat port, with background work run by the test: no toolkit, no socket. */
class ChatViewModelTest {

    private final NodeId self = node(1);
    private final NodeId peer = node(2);
    private final FakeChat port = new FakeChat();
    private final Queue<Runnable> background = new ArrayDeque<>();
    private final ChatViewModel model = new ChatViewModel(background::add, Runnable::run);

    @BeforeEach
    void connected() {
        port.history.add(new ChatBook.Sent(peer, 1, 1_000, "hello"));
        port.history.add(new ChatBook.Acked(peer, 1));
        port.history.add(new ChatBook.Delivered(peer, 1, 2_000, "hi back"));
        port.history.add(new ChatBook.Sent(peer, 2, 3_000, "still there?"));
        model.connect(port, peer);
        runBackground();
    }

    @Test
    void historyIsLoadedWithEachMessagesDeliveryState() {
        assertThat(model.conversations()).extracting(ChatViewModel.Conversation::label)
                .containsExactly(peer.fingerprint() + " (test peer)");
        assertThat(model.selectedProperty().get().peer()).isEqualTo(peer);
        assertThat(model.messages()).extracting(ChatViewModel.ChatLine::text, ChatViewModel.ChatLine::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("hello", "delivered"),
                        org.assertj.core.groups.Tuple.tuple("hi back", "received"),
                        org.assertj.core.groups.Tuple.tuple("still there?", "sent"));
        assertThat(model.selfIdProperty().get()).isEqualTo(self.hex());
        assertThat(model.statusProperty().get()).isEqualTo("Chat as " + self.fingerprint() + "; the test peer is "
                + peer.fingerprint());
    }

    @Test
    void liveEventsUpdateTheListAndRepeatsCountOnce() {
        port.listener.accept(new ChatBook.Acked(peer, 2));
        port.listener.accept(new ChatBook.Delivered(peer, 2, 4_000, "yes"));
        port.listener.accept(new ChatBook.Delivered(peer, 2, 4_000, "yes"));
        assertThat(model.messages()).extracting(ChatViewModel.ChatLine::state)
                .containsExactly("delivered", "received", "delivered", "received");
        assertThat(model.messages().get(3).text()).isEqualTo("yes");
    }

    @Test
    void anAckBeforeItsSentEventStillMarksTheMessageDelivered() {
        port.listener.accept(new ChatBook.Acked(peer, 3));
        port.listener.accept(new ChatBook.Sent(peer, 3, 5_000, "late"));
        assertThat(model.messages().get(model.messages().size() - 1).state()).isEqualTo("delivered");
    }

    @Test
    void sendingRunsInTheBackgroundAndClearsTheDraft() {
        model.draftProperty().set("  new message ");
        model.send();
        assertThat(port.sent).isEmpty();
        assertThat(model.sendingProperty().get()).isTrue();
        runBackground();
        assertThat(port.sent).containsExactly("new message");
        assertThat(model.sendingProperty().get()).isFalse();
        assertThat(model.draftProperty().get()).isEmpty();
        assertThat(model.sendErrorProperty().get()).isEmpty();
    }

    @Test
    void backPressureShowsAReadableMessageAndKeepsTheDraft() {
        port.refusal = new IllegalStateException("1000 messages to " + peer.fingerprint() + " are unacknowledged");
        model.draftProperty().set("one more");
        model.send();
        runBackground();
        assertThat(model.sendErrorProperty().get())
                .isEqualTo("Not sent: 1000 messages to " + peer.fingerprint() + " are unacknowledged");
        assertThat(model.draftProperty().get()).isEqualTo("one more");
        assertThat(model.sendingProperty().get()).isFalse();
    }

    @Test
    void aFailureOtherThanBackPressureIsShownToo() {
        port.refusal = new java.io.UncheckedIOException(new java.io.IOException("disk full"));
        model.draftProperty().set("x");
        model.send();
        runBackground();
        assertThat(model.sendErrorProperty().get()).isEqualTo("not sent: java.io.IOException: disk full");
        assertThat(model.sendingProperty().get()).isFalse();
    }

    @Test
    void aPastedNodeIdIsValidatedBeforeAConversationStarts() {
        model.newPeerProperty().set("not a key");
        assertThat(model.startConversation()).isFalse();
        assertThat(model.newPeerErrorProperty().get()).contains("66 hex digits");
        model.newPeerProperty().set("");
        assertThat(model.startConversation()).isFalse();
        assertThat(model.newPeerErrorProperty().get()).isEqualTo("paste a node id (66 hex digits)");
        model.newPeerProperty().set(self.hex());
        assertThat(model.startConversation()).isFalse();
        assertThat(model.newPeerErrorProperty().get()).isEqualTo("that is this node's own id");

        NodeId other = node(3);
        model.newPeerProperty().set("  " + other.hex().toUpperCase() + " ");
        assertThat(model.startConversation()).isTrue();
        assertThat(model.newPeerErrorProperty().get()).isEmpty();
        assertThat(model.newPeerProperty().get()).isEmpty();
        assertThat(model.selectedProperty().get().peer()).isEqualTo(other);
        assertThat(model.messages()).isEmpty();
        assertThat(model.conversations()).hasSize(2);
    }

    @Test
    void aMessageFromSomeoneNewOpensTheirConversationWithoutSwitchingToIt() {
        NodeId stranger = node(4);
        port.listener.accept(new ChatBook.Delivered(stranger, 1, 6_000, "hey"));
        assertThat(model.conversations()).extracting(ChatViewModel.Conversation::peer).contains(stranger);
        assertThat(model.selectedProperty().get().peer()).isEqualTo(peer);
        model.selectedProperty().set(model.conversations().get(1));
        assertThat(model.messages()).extracting(ChatViewModel.ChatLine::text).containsExactly("hey");
    }

    @Test
    void offSaysWhyAndRefusesToSend() {
        ChatViewModel off = new ChatViewModel(background::add, Runnable::run);
        off.off("the chat service did not start: disk full");
        assertThat(off.statusProperty().get()).isEqualTo("Chat is off: the chat service did not start: disk full");
        assertThat(off.availableProperty().get()).isFalse();
        assertThat(off.selfIdProperty().get()).isEmpty();
        off.draftProperty().set("x");
        off.send();
        assertThat(background).isEmpty();
        assertThat(off.sendErrorProperty().get()).isEqualTo("Chat is off: the chat service did not start: disk full");
    }

    private void runBackground() {
        Runnable work;
        while ((work = background.poll()) != null) {
            work.run();
        }
    }

    private final class FakeChat implements ChatPort {
        final List<ChatBook.Event> history = new ArrayList<>();
        final List<String> sent = new ArrayList<>();
        Consumer<ChatBook.Event> listener;
        RuntimeException refusal;

        @Override
        public NodeId self() {
            return self;
        }

        @Override
        public List<ChatBook.Event> history() {
            return List.copyOf(history);
        }

        @Override
        public long send(NodeId to, String text) {
            if (refusal != null) {
                throw refusal;
            }
            sent.add(text);
            return sent.size();
        }

        @Override
        public void onEvent(Consumer<ChatBook.Event> newListener) {
            listener = newListener;
        }
    }
}
