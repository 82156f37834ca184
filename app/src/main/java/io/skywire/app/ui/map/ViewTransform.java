package io.skywire.app.ui.map;

/**
 * How layout coordinates map onto the canvas: {@code screen = world * scale + translate}. Zooming keeps the point
 * under the mouse where it is; panning moves by screen pixels. Kept apart from the canvas so tests check the maths
 * without a window.
 */
public final class ViewTransform {

    public static final double MIN_SCALE = 0.05;
    public static final double MAX_SCALE = 8;

    private double scale = 1;
    private double tx;
    private double ty;

    public double scale() {
        return scale;
    }

    public double translateX() {
        return tx;
    }

    public double translateY() {
        return ty;
    }

    public double toScreenX(double worldX) {
        return worldX * scale + tx;
    }

    public double toScreenY(double worldY) {
        return worldY * scale + ty;
    }

    public double toWorldX(double screenX) {
        return (screenX - tx) / scale;
    }

    public double toWorldY(double screenY) {
        return (screenY - ty) / scale;
    }

    /** Multiplies the scale by {@code factor} (clamped to its bounds), keeping the world point under (sx, sy) there. */
    public void zoomAt(double factor, double sx, double sy) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("a zoom factor must be positive and finite: " + factor);
        }
        double worldX = toWorldX(sx);
        double worldY = toWorldY(sy);
        scale = Math.max(MIN_SCALE, Math.min(MAX_SCALE, scale * factor));
        tx = sx - worldX * scale;
        ty = sy - worldY * scale;
    }

    /** Moves the view by screen pixels. */
    public void pan(double dxPixels, double dyPixels) {
        tx += dxPixels;
        ty += dyPixels;
    }

    /** Shows the world box {minX, minY, maxX, maxY} whole and centred in a canvas of the given size, with a margin. */
    public void fit(double[] box, double width, double height, double marginPixels) {
        double w = Math.max(box[2] - box[0], 1);
        double h = Math.max(box[3] - box[1], 1);
        double usableW = Math.max(width - 2 * marginPixels, 1);
        double usableH = Math.max(height - 2 * marginPixels, 1);
        scale = Math.max(MIN_SCALE, Math.min(MAX_SCALE, Math.min(usableW / w, usableH / h)));
        tx = width / 2 - (box[0] + box[2]) / 2 * scale;
        ty = height / 2 - (box[1] + box[3]) / 2 * scale;
    }
}
