package io.skywire.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.identity.NodeId;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The chat pane over a real, free local test network, headless under Monocle: a message typed into the pane goes to
 * the test peer's chat service (a relay) over a real route and shows "delivered" when its acknowledgement comes
 * back; a reply the test peer's service sends appears in the pane. Writes target/screenshots/chat.png.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChatWindowTest {

    private static final FxRobot ROBOT = new FxRobot();
    private static DesktopWindow window;

    @BeforeAll
    static void openOnALocalTestNetwork() throws Exception {
        window = FxTesting.openOnLocalNetwork(shown -> { });
        FxTesting.until(40, () -> window.network() != null && window.chat().availableProperty().get());
    }

    @AfterAll
    static void close() throws Exception {
        if (window != null) {
            FxTesting.close(window);
        }
    }

    @Test
    void aMessageToTheTestPeerIsDeliveredAndItsReplyAppears() throws Exception {
        EmbeddedNetwork network = window.network();
        NodeId testPeer = network.chatTestPeer();
        assertThat(testPeer).isNotNull().isNotEqualTo(network.client().nodeId());
        FxTesting.select(window, Screen.CHAT);
        Node pane = ROBOT.lookup(".chat").query();
        assertThat(onFx(() -> ROBOT.from(pane).lookup("#chatStatus").queryAs(Label.class).getText()))
                .isEqualTo("Chat as " + network.client().nodeId().fingerprint() + "; the test peer is "
                        + testPeer.fingerprint());
        assertThat(onFx(() -> ROBOT.from(pane).lookup("#chatSelfId").queryTextInputControl().getText()))
                .isEqualTo(network.client().nodeId().hex());
        assertThat(onFx(() -> ROBOT.from(pane).lookup("#chatPeerTitle").queryAs(Label.class).getText()))
                .isEqualTo("Conversation with " + testPeer.fingerprint() + " (test peer)");

        ROBOT.clickOn(ROBOT.from(pane).lookup("#chatDraft").queryAs(Node.class)).write("hello test peer");
        ROBOT.clickOn(ROBOT.from(pane).lookup("#chatSendButton").queryAs(Node.class));
        ListView<ChatViewModel.ChatLine> messages = ROBOT.from(pane).lookup("#chatMessages").queryListView();
        FxTesting.eventually(30, () -> assertThat(onFx(() -> messages.getItems().stream()
                .map(line -> line.text() + " " + line.state()).toList()))
                .containsExactly("hello test peer delivered"));
        assertThat(onFx(() -> ROBOT.from(pane).lookup("#chatSendError").queryAs(Label.class).getText())).isEmpty();

        network.chatTestPeerService().send(network.client().nodeId(), "hello from the relay");
        FxTesting.eventually(20, () -> assertThat(onFx(() -> messages.getItems().stream()
                .map(line -> line.text() + " " + line.state()).toList()))
                .containsExactly("hello test peer delivered", "hello from the relay received"));
        FxTesting.screenshot(window, Screen.CHAT, DesktopWindowTest.SCREENSHOTS.resolve("chat.png"));
    }

    private static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
