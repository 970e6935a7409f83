package io.github.braintumor.eval;

import java.util.Arrays;
import java.util.OptionalDouble;

/** Mean, population standard deviation and median of plain values; null for no values (never NaN). */
final class Stats {

    private Stats() {}

    static Double mean(double[] v) {
        return v.length == 0 ? null : Arrays.stream(v).average().getAsDouble();
    }

    static Double std(double[] v) {
        if (v.length == 0) return null;
        double m = mean(v), ss = 0;
        for (double x : v) ss += (x - m) * (x - m);
        return Math.sqrt(ss / v.length);
    }

    static Double median(double[] v) {
        if (v.length == 0) return null;
        double[] s = v.clone();
        Arrays.sort(s);
        int mid = s.length / 2;
        return s.length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
    }

    static Double boxed(OptionalDouble d) {
        return d.isPresent() ? d.getAsDouble() : null;
    }
}
