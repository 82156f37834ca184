package io.skywire.app.ui;

import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;

/** Binds chat.fxml to a {@link ChatViewModel}; holds no state of its own. */
public final class ChatController {

    @FXML private Label chatStatus;
    @FXML private TextField chatSelfId;
    @FXML private ListView<ChatViewModel.Conversation> chatPeers;
    @FXML private TextField chatNewPeer;
    @FXML private Button chatStartButton;
    @FXML private Label chatNewPeerError;
    @FXML private Label chatPeerTitle;
    @FXML private ListView<ChatViewModel.ChatLine> chatMessages;
    @FXML private TextField chatDraft;
    @FXML private Button chatSendButton;
    @FXML private Label chatSendError;

    private ChatViewModel model;
    private final ChangeListener<ChatViewModel.Conversation> fromList = (obs, old, now) -> {
        if (now != null && model != null && now != model.selectedProperty().get()) {
            model.selectedProperty().set(now);
        }
    };
    private final ChangeListener<ChatViewModel.Conversation> fromModel = (obs, old, now) -> select(now);

    @FXML
    private void initialize() {
        chatMessages.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ChatViewModel.ChatLine line, boolean empty) {
                super.updateItem(line, empty);
                getStyleClass().removeAll("chat-mine", "chat-theirs");
                if (empty || line == null) {
                    setText(null);
                    return;
                }
                getStyleClass().add(line.mine() ? "chat-mine" : "chat-theirs");
                setText((line.mine() ? "you: " : "them: ") + line.text() + "   [" + line.state() + "]");
            }
        });
    }

    void attach(ChatViewModel viewModel) {
        model = viewModel;
        chatStatus.textProperty().bind(viewModel.statusProperty());
        chatSelfId.textProperty().bind(viewModel.selfIdProperty());
        chatPeers.setItems(viewModel.conversations());
        chatMessages.setItems(viewModel.messages());
        chatNewPeer.textProperty().bindBidirectional(viewModel.newPeerProperty());
        chatNewPeerError.textProperty().bind(viewModel.newPeerErrorProperty());
        chatDraft.textProperty().bindBidirectional(viewModel.draftProperty());
        chatSendError.textProperty().bind(viewModel.sendErrorProperty());
        chatPeerTitle.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> viewModel.selectedProperty().get() == null ? "No conversation"
                        : "Conversation with " + viewModel.selectedProperty().get().label(),
                viewModel.selectedProperty()));
        chatSendButton.disableProperty().bind(viewModel.availableProperty().not().or(viewModel.sendingProperty()));
        chatStartButton.disableProperty().bind(viewModel.availableProperty().not());
        chatPeers.getSelectionModel().selectedItemProperty().addListener(fromList);
        viewModel.selectedProperty().addListener(fromModel);
        select(viewModel.selectedProperty().get());
    }

    void detach() {
        if (model == null) {
            return;
        }
        chatStatus.textProperty().unbind();
        chatSelfId.textProperty().unbind();
        chatNewPeer.textProperty().unbindBidirectional(model.newPeerProperty());
        chatNewPeerError.textProperty().unbind();
        chatDraft.textProperty().unbindBidirectional(model.draftProperty());
        chatSendError.textProperty().unbind();
        chatPeerTitle.textProperty().unbind();
        chatSendButton.disableProperty().unbind();
        chatStartButton.disableProperty().unbind();
        chatPeers.getSelectionModel().selectedItemProperty().removeListener(fromList);
        model.selectedProperty().removeListener(fromModel);
        model = null;
    }

    private void select(ChatViewModel.Conversation conversation) {
        if (conversation != null && chatPeers.getSelectionModel().getSelectedItem() != conversation) {
            chatPeers.getSelectionModel().select(conversation);
        }
    }

    @FXML
    private void startConversation() {
        if (model != null) {
            model.startConversation();
        }
    }

    @FXML
    private void send() {
        if (model != null) {
            model.send();
        }
    }
}
