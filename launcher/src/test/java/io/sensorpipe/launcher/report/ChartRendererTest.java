package io.sensorpipe.launcher.report;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartRendererTest {
    private static final long T0 = 1_763_700_000_000L;

    private static ReportModel rooms(int n) {
        Map<String, List<Point>> byRoom = new LinkedHashMap<>();
        for (int r = 0; r < n; r++) {
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                double t = 20 + r * 0.3 + Math.sin(i / 10.0);
                points.add(new Point(i, T0 + i * 500L, t, 20 + r * 0.3));
            }
            byRoom.put(String.format("room-%03d", r), points);
        }
        return ReportModel.of(byRoom);
    }

    @Test
    void everyRoomPanelShowsBothSeries() {
        BufferedImage img = ChartRenderer.render(rooms(6));
        assertEquals(4 * 300, img.getWidth());
        int panelH = 170;
        for (int room = 0; room < 6; room++) {
            int x0 = (room % 4) * 300;
            int y0 = 54 + (room / 4) * panelH;
            assertTrue(count(img, x0, y0, 300, panelH, true) > 50, "avg in panel " + room);
            assertTrue(count(img, x0, y0, 300, panelH, false) > 50, "temp in panel " + room);
        }
    }

    @Test
    void pngBytesDecodeToTheSameSize() throws IOException {
        byte[] png = ChartRenderer.png(rooms(2));
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(600, back.getWidth());
        assertEquals(54 + 170, back.getHeight());
    }

    @Test
    void emptyModelStillRendersAnImage() {
        BufferedImage img = ChartRenderer.render(ReportModel.of(Map.of()));
        assertTrue(img.getWidth() > 0 && img.getHeight() > 0);
    }

    /** Pixels of the rolling average's orange (or the temperature's blue); antialiasing blends the exact colours. */
    private static int count(BufferedImage img, int x0, int y0, int w, int h, boolean orange) {
        int n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int b = rgb & 0xff;
                if (orange ? r - b > 120 : b - r > 50) {
                    n++;
                }
            }
        }
        return n;
    }
}
