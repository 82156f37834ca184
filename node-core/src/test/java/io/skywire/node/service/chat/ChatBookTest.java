package io.skywire.node.service.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.identity.NodeId;
import io.skywire.node.identity.NodeKeyPair;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chat delivery as a state machine: order, exactly once, acknowledgements, resends, guards; and the history. */
class ChatBookTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final NodeId alice = NodeKeyPair.generate(RANDOM).nodeId();
    private final NodeId bob = NodeKeyPair.generate(RANDOM).nodeId();
    private final NodeId guard = NodeKeyPair.generate(RANDOM).nodeId();

    @TempDir
    Path dir;

    private static List<ChatBook.Delivered> delivered(ChatBook book) {
        List<ChatBook.Delivered> out = new ArrayList<>();
        ChatBook.Event event;
        while ((event = book.pollEvent()) != null) {
            if (event instanceof ChatBook.Delivered d) {
                out.add(d);
            }
        }
        return out;
    }

    @Test
    void reorderedAndRepeatedMessagesAreDeliveredInOrderOnce() {
        ChatBook sender = new ChatBook(List.of());
        ChatBook receiver = new ChatBook(List.of());
        for (int i = 1; i <= 5; i++) {
            sender.send(0, 0, bob, "m" + i);
        }
        List<ChatBook.Outgoing> sent = sender.drainOutgoing();
        List<Integer> order = List.of(2, 0, 4, 1, 1, 3, 0, 4);
        for (int index : order) {
            receiver.handle(alice, sent.get(index).message());
        }
        assertThat(delivered(receiver)).extracting(ChatBook.Delivered::text)
                .containsExactly("m1", "m2", "m3", "m4", "m5");
        List<ChatBook.Outgoing> acks = receiver.drainOutgoing();
        assertThat(acks.get(acks.size() - 1).message()).isEqualTo(new ChatMessages.Ack(5));
        sender.handle(bob, new ChatMessages.Ack(5));
        assertThat(sender.unacknowledged(bob)).isZero();
        sender.handle(bob, new ChatMessages.Ack(99)); // never sent: ignored
        assertThat(sender.unacknowledged(bob)).isZero();
    }

    @Test
    void unacknowledgedMessagesAreResentAndLeftWithTheRecipientsGuard() {
        ChatBook sender = new ChatBook(List.of());
        ChatBook recipient = new ChatBook(List.of(guard));
        ChatBook guardBook = new ChatBook(List.of());
        // The recipient fetched from its guard once (naming it), and told the sender its guards.
        recipient.fetchFromGuards();
        for (ChatBook.Outgoing out : recipient.drainOutgoing()) {
            guardBook.handle(bob, out.message());
        }
        sender.handle(bob, new ChatMessages.Guards(List.of(guard)));
        // Now the recipient is away: nothing arrives.
        sender.send(0, 0, bob, "while you were out");
        sender.drainOutgoing();
        long now = 0;
        List<ChatBook.Outgoing> toGuard = new ArrayList<>();
        for (int attempt = 0; attempt < ChatBook.HOLD_AFTER_ATTEMPTS; attempt++) {
            now += ChatBook.RESEND_NANOS;
            sender.handleTimeout(now);
            sender.drainOutgoing().stream().filter(out -> out.to().equals(guard)).forEach(toGuard::add);
        }
        assertThat(toGuard).hasSize(1);
        guardBook.handle(alice, toGuard.get(0).message());
        assertThat(guardBook.holdingFor(bob)).isEqualTo(1);
        sender.handle(guard, guardBook.drainOutgoing().get(0).message()); // HOLD_ACK
        // The recipient comes back and fetches.
        recipient.fetchFromGuards();
        for (ChatBook.Outgoing out : recipient.drainOutgoing()) {
            guardBook.handle(bob, out.message());
        }
        for (ChatBook.Outgoing out : guardBook.drainOutgoing()) {
            recipient.handle(guard, out.message());
        }
        assertThat(delivered(recipient)).extracting(ChatBook.Delivered::text).containsExactly("while you were out");
        assertThat(guardBook.holdingFor(bob)).isZero();
        ChatBook.Outgoing ack = recipient.drainOutgoing().stream().filter(o -> o.message() instanceof ChatMessages.Ack)
                .findFirst().orElseThrow();
        assertThat(ack.to()).isEqualTo(alice);
        sender.handle(bob, ack.message());
        assertThat(sender.unacknowledged(bob)).isZero();
    }

    @Test
    void aGuardHoldsOnlyForNodesThatNamedIt() {
        ChatBook guardBook = new ChatBook(List.of());
        guardBook.handle(alice, new ChatMessages.Hold(bob, 1, 0, "x"));
        assertThat(guardBook.holdingFor(bob)).isZero();
        assertThat(guardBook.drainOutgoing()).isEmpty();
    }

    @Test
    void historySurvivesARestartAndStaysBounded() throws Exception {
        ChatHistory history = new ChatHistory(dir, 4_000);
        ChatBook book = new ChatBook(List.of());
        for (int i = 0; i < 200; i++) {
            book.send(0, i, bob, "message number " + i);
            ChatBook.Event event;
            while ((event = book.pollEvent()) != null) {
                history.append(event, book);
            }
        }
        book.handle(bob, new ChatMessages.Ack(150));
        history.append(book.pollEvent(), book);
        // 50 unacknowledged messages are kept beyond the bound; the rest was trimmed.
        assertThat(java.nio.file.Files.size(dir.resolve("history.log"))).isLessThan(4_000 + 50 * 75);

        ChatBook restored = new ChatBook(List.of());
        List<ChatBook.Event> events = new ChatHistory(dir, 4_000).load(restored);
        for (ChatBook.Event event : events) {
            if (event instanceof ChatBook.Sent sent) {
                restored.restoreSent(0, sent);
            } else if (event instanceof ChatBook.Acked acked) {
                restored.restoreAcked(acked);
            }
        }
        assertThat(events).isNotEmpty();
        assertThat(restored.unacknowledged(bob)).isEqualTo(50);
        assertThat(restored.send(0, 0, bob, "next")).as("numbering goes on after trimming").isEqualTo(201);
    }
}
