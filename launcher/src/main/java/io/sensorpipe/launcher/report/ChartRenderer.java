package io.sensorpipe.launcher.report;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Draws the report's chart with Java2D (headless): one small panel per room with the temperature (thin, light) and
 * the rolling average (thick, dark) over event time, all panels on the same time axis.
 */
public final class ChartRenderer {
    /** Panels drawn at most; the HTML table still lists every room. */
    public static final int MAX_PANELS = 48;

    static final Color TEMPERATURE = new Color(0x6b, 0xae, 0xd6);
    static final Color ROLLING_AVG = new Color(0xd9, 0x48, 0x01);
    private static final Color GRID = new Color(0xe6, 0xe6, 0xe6);
    private static final Color TEXT = new Color(0x33, 0x33, 0x33);
    private static final int PANEL_W = 300;
    private static final int PANEL_H = 170;
    private static final int HEADER_H = 54;
    private static final int PAD_LEFT = 44;
    private static final int PAD_RIGHT = 10;
    private static final int PAD_TOP = 22;
    private static final int PAD_BOTTOM = 22;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private ChartRenderer() {
    }

    /** The chart as PNG bytes. */
    public static byte[] png(ReportModel model) {
        BufferedImage image = render(model);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The chart as an image: a header with title and legend, then a grid of room panels. */
    public static BufferedImage render(ReportModel model) {
        List<RoomSeries> rooms = model.rooms().subList(0, Math.min(MAX_PANELS, model.rooms().size()));
        int cols = Math.max(1, Math.min(4, rooms.size()));
        int rows = Math.max(1, (rooms.size() + cols - 1) / cols);
        BufferedImage img = new BufferedImage(cols * PANEL_W, HEADER_H + rows * PANEL_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            header(g, model, rooms.size(), img.getWidth());
            for (int i = 0; i < rooms.size(); i++) {
                panel(g, rooms.get(i), model, (i % cols) * PANEL_W, HEADER_H + (i / cols) * PANEL_H);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void header(Graphics2D g, ReportModel model, int drawn, int width) {
        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        String title = model.rooms().isEmpty() ? "No derived records in sensors.room_analytics"
                : "Temperature and rolling average per room, " + DAY.format(Instant.ofEpochMilli(model.fromTs())) + " "
                        + CLOCK.format(Instant.ofEpochMilli(model.fromTs())) + " to "
                        + CLOCK.format(Instant.ofEpochMilli(model.toTs())) + " UTC (event time)";
        g.drawString(title, 10, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        legend(g, 10, 40, TEMPERATURE, 1.2f, "temperature (°C)");
        legend(g, 170, 40, ROLLING_AVG, 2.4f, "rolling average");
        if (drawn < model.rooms().size()) {
            g.setColor(TEXT);
            g.drawString("first " + drawn + " of " + model.rooms().size() + " rooms shown", 330, 44);
        }
    }

    private static void legend(Graphics2D g, int x, int y, Color color, float width, String label) {
        g.setColor(color);
        g.setStroke(new BasicStroke(width));
        g.drawLine(x, y, x + 24, y);
        g.setColor(TEXT);
        g.drawString(label, x + 30, y + 4);
    }

    private static void panel(Graphics2D g, RoomSeries room, ReportModel model, int x0, int y0) {
        int left = x0 + PAD_LEFT;
        int top = y0 + PAD_TOP;
        int w = PANEL_W - PAD_LEFT - PAD_RIGHT;
        int h = PANEL_H - PAD_TOP - PAD_BOTTOM;
        double lo = Math.floor(Math.min(room.stats().min(), minAvg(room)) * 2) / 2;
        double hi = Math.ceil(Math.max(room.stats().max(), maxAvg(room)) * 2) / 2;
        if (hi - lo < 1) {
            hi = lo + 1;
        }
        Scale sx = new Scale(model.fromTs(), Math.max(model.toTs(), model.fromTs() + 1), left, left + w);
        Scale sy = new Scale(lo, hi, top + h, top);
        axes(g, room.roomId(), left, top, w, h, lo, hi, model);
        g.setStroke(new BasicStroke(1.2f));
        g.setColor(TEMPERATURE);
        g.draw(line(room.points(), sx, sy, Point::temperature));
        g.setStroke(new BasicStroke(2.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(ROLLING_AVG);
        g.draw(line(room.points(), sx, sy, Point::rollingAvg));
    }

    private static void axes(Graphics2D g, String roomId, int left, int top, int w, int h, double lo, double hi,
                             ReportModel model) {
        g.setStroke(new BasicStroke(1f));
        g.setColor(GRID);
        for (int i = 0; i <= 4; i++) {
            int y = top + h * i / 4;
            g.drawLine(left, y, left + w, y);
        }
        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(roomId, left, top - 7);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        g.drawString(String.format(Locale.ROOT, "%.1f", hi), left - 34, top + 4);
        g.drawString(String.format(Locale.ROOT, "%.1f", lo), left - 34, top + h + 4);
        g.drawString(CLOCK.format(Instant.ofEpochMilli(model.fromTs())), left, top + h + 14);
        String end = CLOCK.format(Instant.ofEpochMilli(model.toTs()));
        g.drawString(end, left + w - g.getFontMetrics().stringWidth(end), top + h + 14);
    }

    private static Path2D line(List<Point> points, Scale sx, Scale sy, ToDoubleFunction<Point> value) {
        Path2D.Double path = new Path2D.Double();
        for (int i = 0; i < points.size(); i++) {
            double x = sx.apply(points.get(i).tsMillis());
            double y = sy.apply(value.applyAsDouble(points.get(i)));
            if (i == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        return path;
    }

    private static double minAvg(RoomSeries r) {
        return r.points().stream().mapToDouble(Point::rollingAvg).min().orElse(r.stats().min());
    }

    private static double maxAvg(RoomSeries r) {
        return r.points().stream().mapToDouble(Point::rollingAvg).max().orElse(r.stats().max());
    }

    /** A linear map from data values to pixels. */
    private record Scale(double from, double to, double pixFrom, double pixTo) {
        double apply(double v) {
            return pixFrom + (v - from) / (to - from) * (pixTo - pixFrom);
        }
    }
}
