package dev.ithaca.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ithaca.cli.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code report.html}: a page that opens from disk with the loss and learning-rate curves (PNG files
 * next to it), the final metrics, a per-epoch table, the command's extras and every
 * hyperparameter. Everything it shows comes from {@code training_metrics.json}.
 */
public final class HtmlReport {
    public static final String FILE = "report.html";
    public static final String LOSS_CHART = "loss.png";
    public static final String LR_CHART = "learning_rate.png";

    private HtmlReport() {
    }

    /** Writes the charts and the page into {@code dir}; returns the files written. */
    public static List<Path> write(Path dir, ObjectNode metrics) throws IOException {
        Map<String, List<Double>> series = series(metrics.path("epochs"));
        List<Path> written = new ArrayList<>();
        List<String> charts = new ArrayList<>();
        Map<String, List<Double>> losses = Charts.series(series, "train_loss", "val_loss");
        if (!losses.isEmpty()) {
            AtomicFiles.write(dir.resolve(LOSS_CHART), Charts.png("Loss", "loss (nats)", losses, false, "#.###"));
            written.add(dir.resolve(LOSS_CHART));
            charts.add(LOSS_CHART);
        }
        Map<String, List<Double>> lr = Charts.series(series, "lr");
        if (!lr.isEmpty()) {
            AtomicFiles.write(dir.resolve(LR_CHART), Charts.png("Learning rate at the start of each epoch", "learning rate", lr, false, "0.0##E0"));
            written.add(dir.resolve(LR_CHART));
            charts.add(LR_CHART);
        }
        AtomicFiles.writeString(dir.resolve(FILE), page(metrics, charts));
        written.add(dir.resolve(FILE));
        return written;
    }

    private static Map<String, List<Double>> series(JsonNode epochs) {
        Set<String> keys = new LinkedHashSet<>();
        epochs.forEach(e -> e.fieldNames().forEachRemaining(keys::add));
        Map<String, List<Double>> out = new LinkedHashMap<>();
        for (String key : keys) {
            List<Double> values = new ArrayList<>();
            for (JsonNode e : epochs) {
                JsonNode v = e.get(key);
                values.add(v == null ? null : v.isNumber() ? v.asDouble() : Double.NaN);
            }
            out.put(key, values);
        }
        return out;
    }

    private static String page(ObjectNode m, List<String> charts) {
        StringBuilder html = new StringBuilder();
        String title = "Ithaca " + m.path("command").asText() + " report";
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(escape(title))
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em auto;max-width:60em;color:#222}\n")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .6em;")
                .append("text-align:right}th{background:#f4f4f4}td.k,th.k{text-align:left}\n")
                .append("pre{background:#f7f7f7;padding:.6em;white-space:pre-wrap}img{max-width:100%}\n")
                .append("</style>\n</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n");
        JsonNode outcome = m.path("outcome");
        html.append("<p>Outcome: <b>").append(escape(outcome.path("status").asText())).append("</b>");
        if (outcome.has("reason")) {
            html.append(" (").append(escape(outcome.path("reason").asText())).append(")");
        }
        html.append(". Backend ").append(escape(m.path("backend").asText())).append(", seed ").append(m.path("seed").asText())
                .append(", ithaca ").append(escape(m.path("ithaca_version").asText())).append(", created ")
                .append(escape(m.path("created").asText())).append(".</p>\n");
        if (m.has("model")) {
            html.append("<p>Model ").append(escape(m.at("/model/class").asText())).append(", ")
                    .append(String.format(Locale.ROOT, "%,d", m.at("/model/parameters").asLong())).append(" parameters; training took ")
                    .append(String.format(Locale.ROOT, "%.1f", m.path("training_seconds").asDouble())).append(" s.</p>\n");
        }
        keyValues(html, "Final metrics", m.path("final"));
        for (String chart : charts) {
            html.append("<p><img src=\"").append(chart).append("\" alt=\"").append(chart).append("\"></p>\n");
        }
        epochTable(html, m.path("epochs"));
        extras(html, m);
        keyValues(html, "Data", m.path("data"));
        keyValues(html, "Hyperparameters", m.path("hyperparameters"));
        html.append("<p>All numbers are also in <a href=\"").append(TrainingMetrics.FILE).append("\">")
                .append(TrainingMetrics.FILE).append("</a>.</p>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void epochTable(StringBuilder html, JsonNode epochs) {
        if (epochs.isEmpty()) {
            return;
        }
        Set<String> keys = new LinkedHashSet<>();
        epochs.forEach(e -> e.fieldNames().forEachRemaining(keys::add));
        html.append("<h2>Epochs</h2>\n<table>\n<tr>");
        keys.forEach(k -> html.append("<th>").append(escape(k)).append("</th>"));
        html.append("</tr>\n");
        for (JsonNode e : epochs) {
            html.append("<tr>");
            for (String k : keys) {
                html.append("<td>").append(format(e.get(k))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /** The pipeline's section: latency, memory, phases and sample generations. */
    private static void extras(StringBuilder html, JsonNode m) {
        JsonNode pipeline = m.path("pipeline");
        if (pipeline.isMissingNode()) {
            return;
        }
        ObjectNode scalars = pipeline.deepCopy();
        scalars.remove(List.of("samples", "phases"));
        keyValues(html, "Pipeline", scalars);
        keyValues(html, "Phase timings (seconds)", pipeline.path("phases"));
        JsonNode samples = pipeline.path("samples");
        if (samples.isArray() && !samples.isEmpty()) {
            html.append("<h2>Samples</h2>\n");
            for (JsonNode sample : samples) {
                html.append("<p class=\"k\">Prompt <code>").append(escape(sample.path("prompt").asText())).append("</code></p>\n<pre>")
                        .append(escape(sample.path("text").asText())).append("</pre>\n");
            }
        }
    }

    private static void keyValues(StringBuilder html, String heading, JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            return;
        }
        html.append("<h2>").append(escape(heading)).append("</h2>\n<table>\n");
        node.properties().forEach(e -> html.append("<tr><td class=\"k\">").append(escape(e.getKey())).append("</td><td>")
                .append(format(e.getValue())).append("</td></tr>\n"));
        html.append("</table>\n");
    }

    private static String format(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isIntegralNumber()) {
            return value.asText();
        }
        if (value.isNumber()) {
            double v = value.asDouble();
            if (v == Math.rint(v) && Math.abs(v) < 1e9) {
                return Long.toString((long) v);
            }
            return Math.abs(v) >= 1e-3 && Math.abs(v) < 1e6 || v == 0
                    ? String.format(Locale.ROOT, "%.4f", v) : String.format(Locale.ROOT, "%.3e", v);
        }
        if (value.isContainerNode()) {
            return escape(value.toString());
        }
        return escape(value.asText());
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
