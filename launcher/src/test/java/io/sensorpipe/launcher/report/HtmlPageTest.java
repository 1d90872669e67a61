package io.sensorpipe.launcher.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlPageTest {
    @Test
    void pageEmbedsTheChartAndHasOneTableRowPerRoom() {
        ReportModel m = ReportModel.of(Map.of(
                "room-1", List.of(new Point(0, 1_000, 20.0, 20.0), new Point(1, 2_000, 21.0, 20.5)),
                "room-<2>", List.of(new Point(0, 1_000, 18.25, 18.25))));
        String html = HtmlPage.render(m, new byte[] {1, 2, 3}, "mongodb://h/sensors room_analytics");
        assertTrue(html.contains("src=\"data:image/png;base64,AQID\""));
        assertEquals(3, html.split("<tr>", -1).length - 1, "header + 2 rooms");
        assertTrue(html.contains("<tr><td>room-1</td><td class=\"n\">2</td><td class=\"n\">21.00</td>"
                + "<td class=\"n\">20.50</td><td class=\"n\">20.00</td><td class=\"n\">21.00</td></tr>"), html);
        assertTrue(html.contains("<td>room-&lt;2&gt;</td>"));
    }
}
