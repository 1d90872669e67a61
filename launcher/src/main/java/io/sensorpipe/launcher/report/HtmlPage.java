package io.sensorpipe.launcher.report;

import java.util.Base64;
import java.util.Locale;

/** The self-contained HTML report: the chart embedded as a base64 PNG, then a table of rooms. */
public final class HtmlPage {
    private HtmlPage() {
    }

    /** The page for a model and its rendered chart. */
    public static String render(ReportModel model, byte[] png, String source) {
        StringBuilder sb = new StringBuilder(4096 + png.length * 4 / 3);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<title>Room temperatures</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;color:#333}")
                .append("table{border-collapse:collapse}td,th{padding:.3em .8em;border-bottom:1px solid #ddd}")
                .append("td.n{text-align:right;font-variant-numeric:tabular-nums}img{max-width:100%}")
                .append("</style></head><body>\n");
        sb.append("<h1>Room temperatures</h1>\n<p>").append(model.rooms().size()).append(" rooms, read from ")
                .append(escape(source)).append(".</p>\n");
        sb.append("<img alt=\"temperature and rolling average per room\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
        sb.append("<table id=\"rooms\">\n<tr><th>room</th><th>readings</th><th>last °C</th><th>last rolling avg</th>")
                .append("<th>min °C</th><th>max °C</th></tr>\n");
        for (RoomSeries r : model.rooms()) {
            RoomStats s = r.stats();
            sb.append("<tr><td>").append(escape(s.roomId())).append("</td>")
                    .append(cell(String.valueOf(s.readings())))
                    .append(cell(deg(s.lastTemperature()))).append(cell(deg(s.lastRollingAvg())))
                    .append(cell(deg(s.min()))).append(cell(deg(s.max()))).append("</tr>\n");
        }
        sb.append("</table>\n</body></html>\n");
        return sb.toString();
    }

    private static String cell(String text) {
        return "<td class=\"n\">" + text + "</td>";
    }

    private static String deg(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
