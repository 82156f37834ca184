package io.skywire.app.ui;

import io.skywire.node.identity.NodeId;
import io.skywire.node.service.chat.ChatBook;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the chat pane needs from a node's chat service, as an interface so that {@link ChatViewModel} is tested with
 * a fake and never touches a socket: the history, sending, and new events as they happen.
 */
public interface ChatPort {

    /** This node's key: a conversation with it is refused. */
    NodeId self();

    /** Every event the service keeps (its history on disk first), oldest first. */
    List<ChatBook.Event> history();

    /**
     * Sends {@code text} to {@code to}; blocks briefly, so never on the FX thread.
     *
     * @throws IllegalArgumentException when the text is too long
     * @throws IllegalStateException    when too many messages to {@code to} are unacknowledged (back-pressure)
     */
    long send(NodeId to, String text);

    /** Who hears each new event, on the service's thread. */
    void onEvent(Consumer<ChatBook.Event> listener);
}
