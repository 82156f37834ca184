package io.skywire.app.ui;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/**
 * A QR code's modules (dark or light), encoded by ZXing with medium error correction, without the quiet zone; the
 * screen draws it with a margin of its own. Plain data, so view models hold it without a toolkit.
 */
public final class QrCode {

    private final String text;
    private final boolean[][] dark;

    private QrCode(String text, boolean[][] dark) {
        this.text = text;
        this.dark = dark;
    }

    /** Encodes {@code text} (an address: short ASCII). */
    public static QrCode encode(String text) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode as a QR code: " + e.getMessage(), e);
        }
        boolean[][] dark = new boolean[matrix.getHeight()][matrix.getWidth()];
        for (int y = 0; y < dark.length; y++) {
            for (int x = 0; x < dark[y].length; x++) {
                dark[y][x] = matrix.get(x, y);
            }
        }
        return new QrCode(text, dark);
    }

    /** What it encodes. */
    public String text() {
        return text;
    }

    /** Modules per side (21 for version 1, 4 more per version). */
    public int size() {
        return dark.length;
    }

    /** Whether the module at column {@code x}, row {@code y} is dark. */
    public boolean dark(int x, int y) {
        return dark[y][x];
    }
}
