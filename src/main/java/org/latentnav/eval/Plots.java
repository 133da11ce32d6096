package org.latentnav.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.latentnav.io.Images;

/** Line charts of evaluation results, rendered to PNG without a display. */
public final class Plots {
    private Plots() {}

    /** Plots the judge's mean value against the target, one line per direction set. */
    public static void judgeVersusTarget(
            String attribute, double[] targets, Map<String, double[]> curves, Path file)
            throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries ideal = new XYSeries("ideal (judge = target)");
        for (double t : targets) {
            ideal.add(t, t);
        }
        data.addSeries(ideal);
        for (Map.Entry<String, double[]> e : curves.entrySet()) {
            XYSeries series = new XYSeries(e.getKey());
            for (int i = 0; i < targets.length; i++) {
                series.add(targets[i], e.getValue()[i]);
            }
            data.addSeries(series);
        }
        JFreeChart chart =
                ChartFactory.createXYLineChart(
                        attribute,
                        "target",
                        "judge's value after the edit",
                        data,
                        PlotOrientation.VERTICAL,
                        true,
                        false,
                        false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.getRangeAxis().setRange(0, 1);
        plot.getDomainAxis().setRange(0, 1);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, Color.GRAY);
        renderer.setSeriesStroke(
                0,
                new BasicStroke(
                        1f,
                        BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER,
                        1f,
                        new float[] {4f, 4f},
                        0f));
        renderer.setSeriesShapesVisible(0, false);
        plot.setRenderer(renderer);
        Images.writePng(chart.createBufferedImage(480, 360), file);
    }
}
