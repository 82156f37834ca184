package io.skywire.app.ui.map;

import java.util.Arrays;

/**
 * A pixel buffer the route map draws its bulk into: thousands of one-pixel antialiased lines (Xiaolin Wu's algorithm)
 * and small antialiased discs, blended source-over into premultiplied ARGB ints (the layout JavaFX's
 * {@code PixelFormat.getIntArgbPreInstance()} takes as it is).
 *
 * <p>Why not the canvas: Prism's software renderer rasterises every canvas stroke through its general path
 * rasteriser, which costs a few hundred milliseconds for 3,000 links and 1,000 discs, so every zoom, drag or layout
 * step with 1,000 nodes painted at a few frames per second. These two primitives, specialised, cost a few
 * milliseconds for the same picture, so the map is simply drawn again on every frame that changes it: no cached
 * picture to keep in step with the model, no stale edges while panning. Lines are clipped to the buffer first, so a
 * link spanning far outside the view (zoomed in) costs only its visible pixels; a point that is not finite draws
 * nothing.
 *
 * <p>Plain Java: the drawing is tested pixel by pixel without a toolkit. Not thread-safe.
 */
public final class GraphRaster {

    private final int width;
    private final int height;
    private final int[] pixels;
    private final int[] tableColours = new int[4];
    private final int[][] tables = new int[4][];
    private int nextTable;

    /** A transparent buffer of {@code width} x {@code height} pixels. */
    public GraphRaster(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a raster needs a positive size: " + width + " x " + height);
        }
        this.width = width;
        this.height = height;
        this.pixels = new int[Math.multiplyExact(width, height)];
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The pixels, row by row, premultiplied ARGB; shared, not copied (what the canvas uploads). */
    public int[] pixels() {
        return pixels;
    }

    /** The premultiplied ARGB value of pixel (x, y). */
    public int pixel(int x, int y) {
        return pixels[y * width + x];
    }

    /** Makes every pixel transparent. */
    public void clear() {
        Arrays.fill(pixels, 0);
    }

    /**
     * A one-pixel antialiased line between two points in pixel coordinates (a pixel's centre is at +0.5), in the
     * straight (not premultiplied) ARGB colour {@code argb}.
     */
    public void line(double x0, double y0, double x1, double y1, int argb) {
        if (!Double.isFinite(x0 + y0 + x1 + y1)) {
            return;
        }
        // Wu works on pixel centres at integers; clipped to the centres of the buffer's pixels, every pixel it
        // touches is inside but the one below (or right of) the last row (column).
        double[] clipped = clip(x0 - 0.5, y0 - 0.5, x1 - 0.5, y1 - 0.5, 0, 0, width - 1, height - 1);
        if (clipped == null) {
            return;
        }
        // Walk along the major axis (x after swapping the axes of a steep line), from the smaller end.
        boolean steep = Math.abs(clipped[3] - clipped[1]) > Math.abs(clipped[2] - clipped[0]);
        if (steep) {
            swap(clipped, 0, 1);
            swap(clipped, 2, 3);
        }
        if (clipped[0] > clipped[2]) {
            swap(clipped, 0, 2);
            swap(clipped, 1, 3);
        }
        double ax = clipped[0];
        double ay = clipped[1];
        double bx = clipped[2];
        double by = clipped[3];
        double dx = bx - ax;
        double gradient = dx < 1e-9 ? 0 : (by - ay) / dx;
        int start = (int) Math.round(ax);
        int end = (int) Math.round(bx);
        double y = ay + gradient * (start - ax);
        int[] colour = premultiplied(argb);
        int opacity = argb >>> 24;
        // Along the minor axis the line's pixel pair: the lower one and the one after it (which may be outside).
        int minorLimit = steep ? width : height;
        int majorStride = steep ? width : 1;
        int minorStride = steep ? 1 : width;
        for (int i = start; i <= end; i++) {
            // y >= 0 (clipped), so the cast floors; tiny negative rounding errors are clamped.
            int low = Math.max(0, (int) y);
            int fraction = (int) ((y - low) * 256);
            int upper = (opacity * Math.min(255, Math.max(0, fraction)) + 128) >> 8;
            int at = i * majorStride + low * minorStride;
            put(at, opacity - upper, colour);
            if (low + 1 < minorLimit) {
                put(at + minorStride, upper, colour);
            }
            y += gradient;
        }
    }

    private static void swap(double[] values, int i, int j) {
        double t = values[i];
        values[i] = values[j];
        values[j] = t;
    }

    /** A filled antialiased disc of {@code radius} pixels centred on (cx, cy), straight ARGB colour {@code argb}. */
    public void disc(double cx, double cy, double radius, int argb) {
        if (!Double.isFinite(cx + cy + radius)) {
            return;
        }
        int minX = Math.max(0, (int) Math.floor(cx - radius - 1));
        int maxX = Math.min(width - 1, (int) Math.ceil(cx + radius + 1));
        int minY = Math.max(0, (int) Math.floor(cy - radius - 1));
        int maxY = Math.min(height - 1, (int) Math.ceil(cy + radius + 1));
        double inner = radius > 0.5 ? (radius - 0.5) * (radius - 0.5) : 0;
        double outer = (radius + 0.5) * (radius + 0.5);
        int[] colour = premultiplied(argb);
        int opacity = argb >>> 24;
        for (int py = minY; py <= maxY; py++) {
            double dy = py + 0.5 - cy;
            for (int px = minX; px <= maxX; px++) {
                double dx = px + 0.5 - cx;
                double d2 = dx * dx + dy * dy;
                if (d2 >= outer) {
                    continue;
                }
                // Coverage falls from 1 to 0 across the pixel that the edge crosses.
                double coverage = d2 <= inner ? 1 : radius + 0.5 - Math.sqrt(d2);
                put(py * width + px, (int) (opacity * coverage + 0.5), colour);
            }
        }
    }

    /** Source-over of a colour (its premultiplied table) at {@code alpha} onto the pixel at index {@code at}. */
    private void put(int at, int alpha, int[] colour) {
        if (alpha <= 0) {
            return;
        }
        int below = pixels[at];
        int over = colour[alpha];
        if (below == 0) {
            // Most of a link's pixels land on nothing: the premultiplied colour, looked up.
            pixels[at] = over;
            return;
        }
        // Premultiplied source-over: the colour plus what lies below scaled by 1 - alpha, two channels per multiply.
        int keep = 255 - alpha;
        int redBlue = scale((below & 0x00ff00ff) * keep);
        int alphaGreen = scale(((below >>> 8) & 0x00ff00ff) * keep);
        pixels[at] = over + (alphaGreen << 8 | redBlue);
    }

    /** Two 16-bit lanes each divided by 255, rounded. */
    private static int scale(int lanes) {
        int rounded = lanes + 0x00800080;
        return ((rounded + ((rounded >>> 8) & 0x00ff00ff)) >>> 8) & 0x00ff00ff;
    }

    /**
     * {@code argb} premultiplied at each alpha from 0 to 255 (of its own alpha); the tables of the last few colours
     * are kept, as the map alternates between a handful.
     */
    private int[] premultiplied(int argb) {
        for (int i = 0; i < tableColours.length; i++) {
            if (tables[i] != null && tableColours[i] == argb) {
                return tables[i];
            }
        }
        int[] table = new int[256];
        for (int alpha = 0; alpha < 256; alpha++) {
            int r = (((argb >> 16) & 0xff) * alpha + 127) / 255;
            int g = (((argb >> 8) & 0xff) * alpha + 127) / 255;
            int b = ((argb & 0xff) * alpha + 127) / 255;
            table[alpha] = alpha << 24 | r << 16 | g << 8 | b;
        }
        int slot = nextTable++ % tables.length;
        tables[slot] = table;
        tableColours[slot] = argb;
        return table;
    }

    /**
     * The part of the segment inside the box [minX, maxX] x [minY, maxY] (Liang-Barsky), as {x0, y0, x1, y1}, or null
     * when none of it is.
     */
    static double[] clip(double x0, double y0, double x1, double y1, double minX, double minY, double maxX,
                         double maxY) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {x0 - minX, maxX - x0, y0 - minY, maxY - y0};
        double enter = 0;
        double leave = 1;
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] < 0) {
                    return null;
                }
            } else {
                double t = q[i] / p[i];
                if (p[i] < 0) {
                    enter = Math.max(enter, t);
                } else {
                    leave = Math.min(leave, t);
                }
            }
        }
        if (enter > leave || Double.isNaN(enter) || Double.isNaN(leave)) {
            return null;
        }
        return new double[] {x0 + enter * dx, y0 + enter * dy, x0 + leave * dx, y0 + leave * dy};
    }
}
