package io.skywire.app.ui;

import io.skywire.app.ui.WizardViewModel.Step;
import java.util.List;
import java.util.Map;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;

/** Binds wizard.fxml to a {@link WizardViewModel}: one page per step, the buttons, the refusal above them. */
public final class WizardController {

    private static final Map<Step, String> TITLES = Map.of(Step.CHOOSE, "Your wallet",
            Step.SHOW_WORDS, "Your 12 words", Step.CONFIRM_WORDS, "Check the words",
            Step.ENTER_WORDS, "Your 12 words", Step.PASSWORD, "The wallet's password",
            Step.SHARING, "What you share", Step.CREATING, "Creating your wallet", Step.DONE, "Done");

    @FXML private Label stepTitle;
    @FXML private Node choosePage;
    @FXML private Node wordsPage;
    @FXML private Node confirmPage;
    @FXML private Node restorePage;
    @FXML private Node passwordPage;
    @FXML private Node sharingPage;
    @FXML private Node creatingPage;
    @FXML private FlowPane words;
    @FXML private Label confirmLabel0;
    @FXML private Label confirmLabel1;
    @FXML private Label confirmLabel2;
    @FXML private TextField confirm0;
    @FXML private TextField confirm1;
    @FXML private TextField confirm2;
    @FXML private TextArea restoreText;
    @FXML private PasswordField password;
    @FXML private PasswordField passwordAgain;
    @FXML private SharingController sharingController;
    @FXML private ProgressIndicator progressIndicator;
    @FXML private Label progress;
    @FXML private Label error;
    @FXML private Button cancel;
    @FXML private Button back;
    @FXML private Button next;

    private WizardViewModel model;
    private final ChangeListener<Step> stepShown = (obs, old, now) -> show(now);

    @FXML
    private void create() {
        model.chooseCreate();
    }

    @FXML
    private void restore() {
        model.chooseRestore();
    }

    @FXML
    private void next() {
        model.next();
    }

    @FXML
    private void back() {
        model.back();
    }

    @FXML
    private void cancel() {
        model.cancel();
    }

    /** Shows {@code viewModel} (for the one run of the wizard). */
    void attach(WizardViewModel viewModel) {
        model = viewModel;
        TextField[] confirms = {confirm0, confirm1, confirm2};
        for (int i = 0; i < confirms.length; i++) {
            confirms[i].textProperty().bindBidirectional(viewModel.confirmationProperty(i));
        }
        restoreText.textProperty().bindBidirectional(viewModel.restoreTextProperty());
        password.textProperty().bindBidirectional(viewModel.passwordProperty());
        passwordAgain.textProperty().bindBidirectional(viewModel.passwordAgainProperty());
        sharingController.attach(viewModel.sharing());
        progress.textProperty().bind(viewModel.progressProperty());
        error.textProperty().bind(viewModel.errorProperty());
        viewModel.stepProperty().addListener(stepShown);
        show(viewModel.stepProperty().get());
    }

    private void show(Step step) {
        Map<Node, Boolean> pages = Map.of(choosePage, step == Step.CHOOSE, wordsPage, step == Step.SHOW_WORDS,
                confirmPage, step == Step.CONFIRM_WORDS, restorePage, step == Step.ENTER_WORDS,
                passwordPage, step == Step.PASSWORD, sharingPage, step == Step.SHARING,
                creatingPage, step == Step.CREATING || step == Step.DONE);
        pages.forEach((page, shown) -> {
            page.setVisible(shown);
            page.setManaged(shown);
        });
        stepTitle.setText(TITLES.get(step));
        progressIndicator.setVisible(step == Step.CREATING);
        if (step == Step.SHOW_WORDS) {
            words.getChildren().clear();
            List<String> list = List.of(model.wordsProperty().get().split(" "));
            for (int i = 0; i < list.size(); i++) {
                words.getChildren().add(new Label((i + 1) + ". " + list.get(i)));
            }
        } else {
            words.getChildren().clear();
        }
        if (step == Step.CONFIRM_WORDS) {
            Label[] labels = {confirmLabel0, confirmLabel1, confirmLabel2};
            for (int i = 0; i < labels.length; i++) {
                labels[i].setText("Word " + model.askedPositions().get(i));
            }
        }
        boolean working = step == Step.CREATING || step == Step.DONE;
        cancel.setDisable(!model.canCancel());
        back.setDisable(step == Step.CHOOSE || working);
        next.setDisable(step == Step.CHOOSE || working);
        next.setText(step == Step.SHARING ? "Create wallet" : "Next");
        next.setDefaultButton(step != Step.CHOOSE);
    }
}
