package dev.ukl.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/**
 * The median of a few measurements with their lowest and highest: what a wall-clock figure is
 * reported as, since one round can always be disturbed by the host.
 */
public record Spread(double median, double low, double high, int n) {
    /** Of at least one value; the median of an even count is the mean of the middle two. */
    public static Spread of(Collection<Double> values) {
        double[] xs = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (xs.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        int m = xs.length / 2;
        double median = xs.length % 2 == 1 ? xs[m] : (xs[m - 1] + xs[m]) / 2;
        return new Spread(median, xs[0], xs[xs.length - 1], xs.length);
    }

    /** Of at least one value. */
    public static Spread of(double... values) {
        return of(Arrays.stream(values).boxed().toList());
    }

    /** "median (low-high)", each with {@code decimals} decimals. */
    public String format(int decimals) {
        String f = "%." + decimals + "f";
        return String.format(Locale.ROOT, f + " (" + f + "-" + f + ")", median, low, high);
    }
}
