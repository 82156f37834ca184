package io.skywire.app.ui.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GraphRasterTest {

    private static final int GREY = 0xff808080;

    private static int alpha(int argb) {
        return argb >>> 24;
    }

    @Test
    void aDiscCoversItsInsideFullyItsEdgePartlyAndNothingBeyond() {
        GraphRaster raster = new GraphRaster(40, 30);
        raster.disc(20.5, 15.5, 6, 0xff112233);
        assertThat(raster.pixel(20, 15)).isEqualTo(0xff112233);
        assertThat(raster.pixel(15, 15)).as("4.5 px from the centre").isEqualTo(0xff112233);
        // The pixel whose centre is 6 px from the centre is half covered: half alpha, premultiplied colour.
        int edge = raster.pixel(26, 15);
        assertThat(alpha(edge)).isBetween(100, 155);
        assertThat((edge >> 16) & 0xff).isLessThanOrEqualTo(alpha(edge));
        assertThat(raster.pixel(28, 15)).isZero();
        assertThat(raster.pixel(20, 7)).isZero();
        raster.clear();
        assertThat(raster.pixels()).containsOnly(0);
    }

    @Test
    void aHorizontalLineOnAPixelRowFillsThatRowOnly() {
        GraphRaster raster = new GraphRaster(40, 30);
        raster.line(2.5, 10.5, 30.5, 10.5, GREY);
        for (int x = 3; x <= 30; x++) {
            assertThat(raster.pixel(x, 10)).as("x %d", x).isEqualTo(GREY);
            assertThat(raster.pixel(x, 9)).isZero();
            assertThat(raster.pixel(x, 11)).isZero();
        }
        assertThat(raster.pixel(35, 10)).isZero();
    }

    @Test
    void aSlantedLineSpreadsOnePixelOfCoverageOverEachColumnOrRow() {
        GraphRaster shallow = new GraphRaster(60, 60);
        shallow.line(5, 7, 50, 30, GREY);
        GraphRaster steep = new GraphRaster(60, 60);
        steep.line(7, 5, 30, 50, GREY);
        for (int at = 8; at <= 47; at++) {
            int column = 0;
            int row = 0;
            for (int across = 0; across < 60; across++) {
                column += alpha(shallow.pixel(at, across));
                row += alpha(steep.pixel(across, at));
            }
            assertThat(column).as("column %d of the shallow line", at).isBetween(253, 257);
            assertThat(row).as("row %d of the steep line", at).isBetween(253, 257);
        }
    }

    @Test
    void linesAreClippedToTheBufferSoFarEndsCostNothingAndDrawTheVisiblePart() {
        GraphRaster raster = new GraphRaster(40, 30);
        raster.line(-1e9, 5.5, 1e9, 5.5, GREY);
        for (int x = 0; x < 40; x++) {
            assertThat(raster.pixel(x, 5)).isEqualTo(GREY);
        }
        GraphRaster outside = new GraphRaster(40, 30);
        outside.line(-100, -100, -50, 200, GREY);
        outside.line(Double.NaN, 0, 10, 10, GREY);
        outside.line(0, 0, Double.POSITIVE_INFINITY, 10, GREY);
        assertThat(outside.pixels()).containsOnly(0);

        double[] clipped = GraphRaster.clip(-10, 5, 50, 5, 0, 0, 40, 30);
        assertThat(clipped[0]).isCloseTo(0, within(1e-9));
        assertThat(clipped[2]).isCloseTo(40, within(1e-9));
        double[] diagonal = GraphRaster.clip(-10, -10, 10, 10, 0, 0, 40, 30);
        assertThat(diagonal).containsExactly(new double[] {0, 0, 10, 10}, within(1e-9));
        assertThat(GraphRaster.clip(-10, 40, 50, 35, 0, 0, 40, 30)).isNull();
    }

    @Test
    void translucentPaintBlendsSourceOverInPremultipliedArgb() {
        GraphRaster raster = new GraphRaster(10, 10);
        raster.disc(5, 5, 4, 0xff0000ff);
        raster.disc(5, 5, 4, 0x80ff0000);
        int blended = raster.pixel(5, 5);
        assertThat(alpha(blended)).isEqualTo(255);
        assertThat((blended >> 16) & 0xff).isBetween(127, 129);
        assertThat(blended & 0xff).isBetween(126, 128);
        GraphRaster empty = new GraphRaster(10, 10);
        empty.disc(5, 5, 4, 0x80ff0000);
        assertThat(empty.pixel(5, 5)).as("premultiplied: red scaled by alpha").isEqualTo(0x80800000);
    }
}
