package io.skywire.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/** Binds wallet.fxml to a {@link WalletViewModel} and its buttons to {@link WalletActions}; holds no state. */
public final class WalletController {

    @FXML private Label status;
    @FXML private ProgressIndicator busy;
    @FXML private Label walletMessage;
    @FXML private VBox content;
    @FXML private Label onChain;
    @FXML private Label inEscrow;
    @FXML private Label inEscrowNote;
    @FXML private Label earned;
    @FXML private Label earnedNote;
    @FXML private Canvas qr;
    @FXML private Label receiveAddress;
    @FXML private Button newAddress;
    @FXML private TextField withdrawAddress;
    @FXML private TextField withdrawAmount;
    @FXML private Label addressError;
    @FXML private Label amountError;
    @FXML private Label withdrawPreview;
    @FXML private Button previewWithdrawal;
    @FXML private Button confirmWithdrawal;
    @FXML private Button cancelWithdrawal;
    @FXML private BarChart<String, Number> byDay;
    @FXML private TableView<WalletViewModel.PseudonymRow> pseudonyms;
    @FXML private TableColumn<WalletViewModel.PseudonymRow, String> pseudonymKey;
    @FXML private TableColumn<WalletViewModel.PseudonymRow, String> pseudonymBalance;
    @FXML private TableColumn<WalletViewModel.PseudonymRow, String> pseudonymCreated;
    @FXML private TableView<WalletViewModel.EscrowRow> escrowHistory;
    @FXML private TableColumn<WalletViewModel.EscrowRow, String> historyTime;
    @FXML private TableColumn<WalletViewModel.EscrowRow, String> historyPseudonym;
    @FXML private TableColumn<WalletViewModel.EscrowRow, String> historyWhat;
    @FXML private TableColumn<WalletViewModel.EscrowRow, String> historyAmount;
    @FXML private TableView<WalletViewModel.TransactionRow> transactions;
    @FXML private TableColumn<WalletViewModel.TransactionRow, String> transactionTime;
    @FXML private TableColumn<WalletViewModel.TransactionRow, String> transactionWhat;
    @FXML private TableColumn<WalletViewModel.TransactionRow, String> transactionChange;
    @FXML private TableColumn<WalletViewModel.TransactionRow, String> transactionId;

    private final XYChart.Series<String, Number> earnedSeries = new XYChart.Series<>();
    private final XYChart.Series<String, Number> paidSeries = new XYChart.Series<>();
    private final ListChangeListener<WalletViewModel.DayTotal> chartFeed = change -> redrawChart();
    private final ChangeListener<QrCode> qrFeed = (obs, old, now) -> drawQr(now);
    private WalletViewModel model;
    private WalletActions actions;

    @FXML
    private void initialize() {
        earnedSeries.setName("earned");
        paidSeries.setName("paid for routes");
        byDay.getData().add(earnedSeries);
        byDay.getData().add(paidSeries);
        column(pseudonymKey, WalletViewModel.PseudonymRow::key);
        column(pseudonymBalance, WalletViewModel.PseudonymRow::balance);
        column(pseudonymCreated, WalletViewModel.PseudonymRow::created);
        column(historyTime, WalletViewModel.EscrowRow::time);
        column(historyPseudonym, WalletViewModel.EscrowRow::pseudonym);
        column(historyWhat, WalletViewModel.EscrowRow::what);
        column(historyAmount, WalletViewModel.EscrowRow::amount);
        column(transactionTime, WalletViewModel.TransactionRow::time);
        column(transactionWhat, WalletViewModel.TransactionRow::what);
        column(transactionChange, WalletViewModel.TransactionRow::change);
        column(transactionId, WalletViewModel.TransactionRow::id);
    }

    private static <R> void column(TableColumn<R, String> column, Function<R, String> value) {
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    }

    /** Shows {@code viewModel} until {@link #detach()}. */
    void attach(WalletViewModel viewModel) {
        model = viewModel;
        status.textProperty().bind(viewModel.statusProperty());
        walletMessage.textProperty().bind(viewModel.messageProperty());
        busy.visibleProperty().bind(viewModel.busyProperty());
        content.visibleProperty().bind(viewModel.availableProperty());
        content.managedProperty().bind(viewModel.availableProperty());
        onChain.textProperty().bind(viewModel.onChainProperty());
        inEscrow.textProperty().bind(viewModel.inEscrowProperty());
        inEscrowNote.textProperty().bind(viewModel.inEscrowNoteProperty());
        earned.textProperty().bind(viewModel.earnedProperty());
        earnedNote.textProperty().bind(viewModel.earnedNoteProperty());
        receiveAddress.textProperty().bind(Bindings.when(viewModel.receiveAddressProperty().isEmpty())
                .then("Press New address for an address to receive on.").otherwise(viewModel.receiveAddressProperty()));
        withdrawAddress.textProperty().bindBidirectional(viewModel.withdrawAddressProperty());
        withdrawAmount.textProperty().bindBidirectional(viewModel.withdrawAmountProperty());
        addressError.textProperty().bind(viewModel.addressErrorProperty());
        amountError.textProperty().bind(viewModel.amountErrorProperty());
        withdrawPreview.textProperty().bind(viewModel.withdrawPreviewProperty());
        confirmWithdrawal.disableProperty().bind(viewModel.pendingProperty().isNull().or(viewModel.busyProperty()));
        cancelWithdrawal.disableProperty().bind(viewModel.pendingProperty().isNull());
        previewWithdrawal.disableProperty().bind(viewModel.busyProperty());
        newAddress.disableProperty().bind(viewModel.busyProperty());
        pseudonyms.setItems(viewModel.pseudonyms());
        escrowHistory.setItems(viewModel.escrowHistory());
        transactions.setItems(viewModel.transactions());
        viewModel.byDay().addListener(chartFeed);
        viewModel.receiveQrProperty().addListener(qrFeed);
        redrawChart();
        drawQr(viewModel.receiveQrProperty().get());
    }

    /** The buttons' work, once a wallet is unlocked; null disables them. */
    void actions(WalletActions walletActions) {
        actions = walletActions;
    }

    /** Unbinds and stops listening, so the view model no longer holds this screen. */
    void detach() {
        if (model == null) {
            return;
        }
        for (Label label : new Label[] {status, walletMessage, onChain, inEscrow, inEscrowNote, earned, earnedNote, receiveAddress, addressError,
            amountError, withdrawPreview}) {
            label.textProperty().unbind();
        }
        withdrawAddress.textProperty().unbindBidirectional(model.withdrawAddressProperty());
        withdrawAmount.textProperty().unbindBidirectional(model.withdrawAmountProperty());
        model.byDay().removeListener(chartFeed);
        model.receiveQrProperty().removeListener(qrFeed);
        model = null;
        actions = null;
    }

    private void redrawChart() {
        List<XYChart.Data<String, Number>> earnedPoints = new ArrayList<>();
        List<XYChart.Data<String, Number>> paidPoints = new ArrayList<>();
        for (WalletViewModel.DayTotal day : model.byDay()) {
            String label = day.day().toString().substring(5);
            // The chart's axis is the only floating-point use: the amounts themselves stay droplets.
            earnedPoints.add(new XYChart.Data<>(label, day.earnedDroplets() / 1e6));
            paidPoints.add(new XYChart.Data<>(label, day.paidDroplets() / 1e6));
        }
        earnedSeries.getData().setAll(earnedPoints);
        paidSeries.getData().setAll(paidPoints);
    }

    private void drawQr(QrCode code) {
        GraphicsContext g = qr.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, qr.getWidth(), qr.getHeight());
        if (code == null) {
            return;
        }
        int modules = code.size() + 8;
        double cell = Math.floor(Math.min(qr.getWidth(), qr.getHeight()) / modules);
        double offset = (qr.getWidth() - cell * code.size()) / 2;
        g.setFill(Color.BLACK);
        for (int y = 0; y < code.size(); y++) {
            for (int x = 0; x < code.size(); x++) {
                if (code.dark(x, y)) {
                    g.fillRect(offset + x * cell, offset + y * cell, cell, cell);
                }
            }
        }
    }

    @FXML
    private void newAddress() {
        if (actions != null) {
            actions.newReceiveAddress();
        }
    }

    @FXML
    private void copyAddress() {
        ClipboardContent clip = new ClipboardContent();
        clip.putString(model == null ? "" : model.receiveAddressProperty().get());
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(clip);
    }

    @FXML
    private void preview() {
        if (actions != null) {
            actions.preview();
        }
    }

    @FXML
    private void confirm() {
        if (actions != null) {
            actions.confirm();
        }
    }

    @FXML
    private void cancel() {
        if (model != null) {
            model.cancelWithdrawal();
        }
    }
}
