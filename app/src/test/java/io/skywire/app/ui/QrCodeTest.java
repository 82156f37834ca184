package io.skywire.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The receive address's QR code reads back as the address (ZXing's reader over the modules the screen draws). */
class QrCodeTest {

    @Test
    void anAddressEncodesAndReadsBack() throws Exception {
        String address = "2hS2Y6CJyiT9EAr1fc8FZP3Zc1jXvgQ1RmJ";
        QrCode code = QrCode.encode(address);
        assertThat(code.size()).as("version 2 or 3 for 35 characters at level M").isBetween(25, 29);
        assertThat(decode(code)).isEqualTo(address);
        assertThat(QrCode.encode("another").dark(0, 0)).as("a finder pattern's corner").isTrue();
    }

    /** Draws 4 pixels per module inside a 4-module quiet zone, as a scanner would see it, and decodes it. */
    private static String decode(QrCode code) throws Exception {
        int scale = 4;
        int side = (code.size() + 8) * scale;
        int[] pixels = new int[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int mx = x / scale - 4;
                int my = y / scale - 4;
                boolean dark = mx >= 0 && my >= 0 && mx < code.size() && my < code.size() && code.dark(mx, my);
                pixels[y * side + x] = dark ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(side, side, pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }
}
