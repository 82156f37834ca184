import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Renders installers/common/skywire.svg to the icon files jpackage wants: skywire.png (Linux, 512 px),
 * skywire.ico (Windows: 16 to 256 px, PNG entries) and skywire.icns (macOS: 128 to 1024 px, PNG entries). Java2D
 * draws it, so the build needs no image tool and no downloaded art. It reads the subset of SVG the icon uses
 * (rect with rx, line, circle; fill, stroke, stroke-width; a square viewBox) and refuses anything else, so an edit
 * that the renderer would draw wrongly fails the build instead.
 *
 * <p>Run with the JDK's source launcher: {@code java RenderIcon.java SVG OUTPUT_DIR}.
 */
public final class RenderIcon {

    private RenderIcon() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java RenderIcon.java ICON.svg OUTPUT_DIR");
            System.exit(2);
        }
        Element svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of(args[0]).toFile())
                .getDocumentElement();
        Path out = Files.createDirectories(Path.of(args[1]));
        Files.write(out.resolve("skywire.png"), png(render(svg, 512)));
        Map<Integer, byte[]> ico = new LinkedHashMap<>();
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            ico.put(size, png(render(svg, size)));
        }
        Files.write(out.resolve("skywire.ico"), ico(ico));
        Map<String, byte[]> icns = new LinkedHashMap<>();
        icns.put("ic07", png(render(svg, 128)));
        icns.put("ic08", png(render(svg, 256)));
        icns.put("ic09", png(render(svg, 512)));
        icns.put("ic10", png(render(svg, 1024)));
        Files.write(out.resolve("skywire.icns"), icns(icns));
    }

    static BufferedImage render(Element svg, int size) {
        String[] box = svg.getAttribute("viewBox").trim().split("[\\s,]+");
        if (box.length != 4 || !box[2].equals(box[3])) {
            throw new IllegalArgumentException("the icon needs a square viewBox, got '" + svg.getAttribute("viewBox") + "'");
        }
        double scale = size / Double.parseDouble(box[2]);
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(scale, scale);
        g.translate(-Double.parseDouble(box[0]), -Double.parseDouble(box[1]));
        for (Node node = svg.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e) {
                draw(g, e);
            }
        }
        g.dispose();
        return image;
    }

    private static void draw(Graphics2D g, Element e) {
        Shape shape = switch (e.getTagName()) {
            case "rect" -> {
                double rx = e.hasAttribute("rx") ? number(e, "rx") : 0;
                yield rx == 0 ? new Rectangle2D.Double(number(e, "x"), number(e, "y"), number(e, "width"), number(e, "height"))
                        : new RoundRectangle2D.Double(number(e, "x"), number(e, "y"), number(e, "width"),
                                number(e, "height"), 2 * rx, 2 * rx);
            }
            case "line" -> new Line2D.Double(number(e, "x1"), number(e, "y1"), number(e, "x2"), number(e, "y2"));
            case "circle" -> {
                double r = number(e, "r");
                yield new Ellipse2D.Double(number(e, "cx") - r, number(e, "cy") - r, 2 * r, 2 * r);
            }
            default -> throw new IllegalArgumentException("the icon renderer does not draw <" + e.getTagName() + ">");
        };
        if (e.hasAttribute("fill") && !e.getAttribute("fill").equals("none")) {
            g.setColor(color(e.getAttribute("fill")));
            g.fill(shape);
        }
        if (e.hasAttribute("stroke") && !e.getAttribute("stroke").equals("none")) {
            g.setColor(color(e.getAttribute("stroke")));
            g.setStroke(new BasicStroke((float) number(e, "stroke-width"), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(shape);
        }
    }

    private static double number(Element e, String attribute) {
        if (!e.hasAttribute(attribute)) {
            throw new IllegalArgumentException("<" + e.getTagName() + "> lacks " + attribute);
        }
        return Double.parseDouble(e.getAttribute(attribute));
    }

    private static Color color(String hex) {
        if (!hex.matches("#[0-9a-fA-F]{6}")) {
            throw new IllegalArgumentException("colours are #rrggbb here, got '" + hex + "'");
        }
        return new Color(Integer.parseInt(hex.substring(1), 16));
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    /** ICO: a 6-byte header, a 16-byte entry per image (little-endian), then the PNGs (allowed since Vista). */
    static byte[] ico(Map<Integer, byte[]> pngs) {
        int offset = 6 + 16 * pngs.size();
        int total = offset + pngs.values().stream().mapToInt(p -> p.length).sum();
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) pngs.size());
        for (Map.Entry<Integer, byte[]> entry : pngs.entrySet()) {
            int size = entry.getKey();
            b.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size)).put((byte) 0).put((byte) 0);
            b.putShort((short) 1).putShort((short) 32).putInt(entry.getValue().length).putInt(offset);
            offset += entry.getValue().length;
        }
        pngs.values().forEach(b::put);
        return b.array();
    }

    /** ICNS: 'icns' and the file length, then per image a 4-letter type, its length with the header, the PNG. */
    static byte[] icns(Map<String, byte[]> pngs) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        int total = 8 + pngs.values().stream().mapToInt(p -> 8 + p.length).sum();
        out.writeBytes("icns");
        out.writeInt(total);
        for (Map.Entry<String, byte[]> entry : pngs.entrySet()) {
            out.writeBytes(entry.getKey());
            out.writeInt(8 + entry.getValue().length);
            out.write(entry.getValue());
        }
        return bytes.toByteArray();
    }
}
