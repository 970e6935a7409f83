package io.github.braintumor.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Segmentation summaries per group: per patient (volume Dice), per hospital, per slice-position bin.
 *
 * <pre>{@code
 * // items: anything that knows its patient and its confusion, e.g. a record (SliceRecord, Confusion)
 * Map<String, SegmentationSummary> perPatient =
 *         GroupedScores.byGroup(items, Item::patientId, Item::confusion);
 * double meanVolumeDice = GroupedScores.mean(perPatient, SegmentationSummary::microDice);
 * Map<Integer, SegmentationSummary> perPosition =
 *         GroupedScores.byGroup(items, i -> GroupedScores.positionBin(i.position(), 5), Item::confusion);
 * }</pre>
 */
public final class GroupedScores {

    private GroupedScores() {}

    /**
     * Groups items by key and summarises each group. Keys are in order of first appearance (wrap in a
     * {@code TreeMap} for sorted keys).
     */
    public static <T, K> Map<K, SegmentationSummary> byGroup(
            List<T> items, Function<? super T, ? extends K> key, Function<? super T, Confusion> confusion) {
        Map<K, List<Confusion>> groups = new LinkedHashMap<>();
        for (T item : items) {
            groups.computeIfAbsent(key.apply(item), k -> new ArrayList<>()).add(confusion.apply(item));
        }
        Map<K, SegmentationSummary> out = new LinkedHashMap<>();
        groups.forEach((k, cs) -> out.put(k, SegmentationSummary.ofConfusions(cs)));
        return out;
    }

    /**
     * Volume (3-D) Dice per patient: Dice of the pooled confusion of each patient's slices, keys in order
     * of first appearance.
     */
    public static <T> Map<String, Double> volumeDice(
            List<T> items, Function<? super T, String> patient, Function<? super T, Confusion> confusion) {
        Map<String, Confusion> pooled = new LinkedHashMap<>();
        for (T item : items) {
            pooled.merge(patient.apply(item), confusion.apply(item), Confusion::plus);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        pooled.forEach((p, c) -> out.put(p, c.dice()));
        return out;
    }

    /** Mean of one statistic over groups (macro over patients/hospitals); empty for no groups. */
    public static <K> OptionalDouble mean(
            Map<K, SegmentationSummary> groups, ToDoubleFunction<SegmentationSummary> statistic) {
        return groups.values().stream().mapToDouble(statistic).average();
    }

    /**
     * Bin index 0..bins-1 of a relative slice position 0 (bottom) .. 1 (top); position 1.0 goes into the
     * last bin.
     *
     * @throws IllegalArgumentException if bins &lt; 1 or position is outside [0, 1] or NaN
     */
    public static int positionBin(double position, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("Number of position bins must be >= 1, got " + bins);
        }
        if (!(position >= 0 && position <= 1)) {
            throw new IllegalArgumentException("Slice position must be in [0, 1], got " + position);
        }
        return Math.min(bins - 1, (int) Math.floor(position * bins));
    }
}
