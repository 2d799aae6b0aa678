package dev.skillgap.backtest;

import java.util.HashMap;
import java.util.Map;

/**
 * The IM-only baseline: per skill, the least-squares line LV = a + b * IM, fitted on occupations outside the test
 * set. A model that cannot beat it adds nothing that the Importance rating does not already say.
 */
public final class ImBaseline {

    private static final double MIN_LEVEL = 0;
    private static final double MAX_LEVEL = 7;

    /** Sums of one skill's (IM, LV) points. */
    public static final class Fit {
        private long n;
        private double sumX;
        private double sumY;
        private double sumXx;
        private double sumXy;

        public void add(double im, double lv) {
            n++;
            sumX += im;
            sumY += lv;
            sumXx += im * im;
            sumXy += im * lv;
        }

        double slope() {
            double denominator = n * sumXx - sumX * sumX;
            return n < 2 || Math.abs(denominator) < 1e-12 ? 0 : (n * sumXy - sumX * sumY) / denominator;
        }

        double intercept() {
            return (sumY - slope() * sumX) / n;
        }
    }

    private final Map<String, Fit> fits = new HashMap<>();

    /** Adds one training point of a skill. */
    public void add(String elementId, double im, double lv) {
        fits.computeIfAbsent(elementId, k -> new Fit()).add(im, lv);
    }

    /** The fitted level for this IM, clipped to the LV scale; null when the skill had no training point. */
    public Double predict(String elementId, double im) {
        Fit fit = fits.get(elementId);
        if (fit == null || fit.n == 0) {
            return null;
        }
        double level = fit.intercept() + fit.slope() * im;
        return Math.max(MIN_LEVEL, Math.min(MAX_LEVEL, level));
    }

    public int skills() {
        return fits.size();
    }
}
