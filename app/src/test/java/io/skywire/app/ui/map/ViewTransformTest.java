package io.skywire.app.ui.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ViewTransformTest {

    @Test
    void zoomKeepsThePointUnderTheMouseInPlace() {
        ViewTransform view = new ViewTransform();
        view.pan(100, 50);
        double worldX = view.toWorldX(300);
        double worldY = view.toWorldY(200);
        view.zoomAt(2, 300, 200);
        assertThat(view.scale()).isEqualTo(2);
        assertThat(view.toScreenX(worldX)).isCloseTo(300, within(1e-9));
        assertThat(view.toScreenY(worldY)).isCloseTo(200, within(1e-9));
        assertThat(view.toWorldX(view.toScreenX(17))).isCloseTo(17, within(1e-9));
    }

    @Test
    void zoomIsBoundedAndRefusesNonsense() {
        ViewTransform view = new ViewTransform();
        for (int i = 0; i < 50; i++) {
            view.zoomAt(2, 0, 0);
        }
        assertThat(view.scale()).isEqualTo(ViewTransform.MAX_SCALE);
        for (int i = 0; i < 100; i++) {
            view.zoomAt(0.5, 0, 0);
        }
        assertThat(view.scale()).isEqualTo(ViewTransform.MIN_SCALE);
        assertThatThrownBy(() -> view.zoomAt(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> view.zoomAt(Double.NaN, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fitCentresTheBoxInTheCanvas() {
        ViewTransform view = new ViewTransform();
        view.fit(new double[] {-100, -50, 300, 150}, 840, 440, 20);
        assertThat(view.scale()).isCloseTo(2, within(1e-9));
        assertThat(view.toScreenX(100)).isCloseTo(420, within(1e-9));
        assertThat(view.toScreenY(50)).isCloseTo(220, within(1e-9));
        assertThat(view.toScreenX(-100)).isCloseTo(20, within(1e-9));
    }
}
