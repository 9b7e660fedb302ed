package dev.ithaca.cli.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PNG line charts (XChart) of per-epoch series, for the HTML report. */
public final class Charts {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 400;

    private Charts() {
    }

    /**
     * A chart of each named series against the epoch (1-based); non-finite points are left out.
     *
     * @param series name to one value per epoch (null where the epoch has none)
     */
    public static byte[] png(String title, String yAxis, Map<String, List<Double>> series, boolean logScale, String yPattern)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("epoch").yAxisTitle(yAxis).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setYAxisLogarithmic(logScale && allPositive(series));
        chart.getStyler().setXAxisDecimalPattern("#");
        chart.getStyler().setYAxisDecimalPattern(yPattern);
        int added = 0;
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < e.getValue().size(); i++) {
                Double y = e.getValue().get(i);
                if (y != null && Double.isFinite(y)) {
                    xs.add(i + 1.0);
                    ys.add(y);
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(e.getKey(), xs, ys);
                added++;
            }
        }
        if (added == 0) {
            chart.addSeries("no finite values", List.of(1.0), List.of(0.0));
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /** Orders series for a chart, skipping those with no values at all. */
    public static Map<String, List<Double>> series(Map<String, List<Double>> all, String... names) {
        Map<String, List<Double>> chosen = new LinkedHashMap<>();
        for (String name : names) {
            List<Double> values = all.get(name);
            if (values != null && values.stream().anyMatch(v -> v != null && Double.isFinite(v))) {
                chosen.put(name, values);
            }
        }
        return chosen;
    }

    private static boolean allPositive(Map<String, List<Double>> series) {
        return series.values().stream().flatMap(List::stream).allMatch(v -> v == null || !Double.isFinite(v) || v > 0);
    }
}
