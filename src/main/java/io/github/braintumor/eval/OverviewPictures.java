package io.github.braintumor.eval;

import io.github.braintumor.data.DatasetOverview;
import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.PatientRecord;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.report.Charts;
import io.github.braintumor.report.Overlay;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pictures of a data set before any model: tumour and no-tumour slices per hospital
 * ({@value #HOSPITALS}), a histogram of slices per patient ({@value #SLICES}) and a grid of scans with the
 * tumour outlined in green, one tumour slice (the one with the largest tumour) from each of a few patients
 * ({@value #EXAMPLES}).
 *
 * <pre>{@code
 * LggDataset d = LggDataset.index(Path.of("kaggle_3m"));
 * List<Path> pngs = OverviewPictures.write(DatasetOverview.of(d), d, Path.of("overview"));
 * }</pre>
 */
public final class OverviewPictures {

    public static final String HOSPITALS = "overview_hospitals.png";
    public static final String SLICES = "overview_slices_per_patient.png";
    public static final String EXAMPLES = "overview_examples.png";
    /** Patients shown in the example grid at most. */
    public static final int GRID_PATIENTS = 8;

    private OverviewPictures() {}

    /** Writes the pictures into {@code dir} (created if missing); returns the files written. */
    public static List<Path> write(DatasetOverview overview, LggDataset data, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        Map<String, DatasetOverview.Group> hospitals = overview.perHospital();
        if (!hospitals.isEmpty()) {
            List<String> names = new ArrayList<>(hospitals.keySet());
            Map<String, double[]> series = new LinkedHashMap<>();
            series.put(
                    "tumour slices",
                    names.stream()
                            .mapToDouble(h -> hospitals.get(h).tumourSlices())
                            .toArray());
            series.put(
                    "no-tumour slices",
                    names.stream()
                            .mapToDouble(h -> hospitals.get(h).nonTumourSlices())
                            .toArray());
            written.add(png(Charts.barChart("Slices per hospital", names, series, "slices"), dir.resolve(HOSPITALS)));
        }
        double[] perPatient = overview.perPatient().stream()
                .mapToDouble(DatasetOverview.PatientCounts::slices)
                .toArray();
        if (perPatient.length > 0) {
            written.add(png(Charts.histogram("Slices per patient", perPatient, 10, "slices"), dir.resolve(SLICES)));
        }
        BufferedImage grid = exampleGrid(data);
        if (grid != null) written.add(png(grid, dir.resolve(EXAMPLES)));
        return written;
    }

    private static Path png(BufferedImage img, Path file) throws IOException {
        Charts.writePng(img, file);
        return file;
    }

    /** Overlays of one tumour slice per patient, 4 per row; null when no patient has a tumour slice. */
    static BufferedImage exampleGrid(LggDataset data) throws IOException {
        List<BufferedImage> tiles = new ArrayList<>();
        for (PatientRecord p : data.patients()) {
            if (tiles.size() == GRID_PATIENTS) break;
            SliceRecord chosen = null;
            SliceMask chosenMask = null;
            for (SliceRecord s : p.slices()) {
                if (!s.tumour()) continue;
                SliceMask m = LggTiff.readMask(s.mask(), LggTiff.ANY_SIZE);
                if (chosenMask == null || m.area() > chosenMask.area()) {
                    chosen = s;
                    chosenMask = m;
                }
            }
            if (chosen == null) continue;
            SliceImage img = LggTiff.readImage(chosen.image(), LggTiff.ANY_SIZE);
            tiles.add(Overlay.builder()
                    .setImage(img.width(), img.height(), img.channels(), img.pixels())
                    .optTruth(chosenMask.pixels())
                    .optScale(Math.max(1, Math.min(8, 256 / img.width())))
                    .optCaption(p.id() + " #" + chosen.sliceNumber())
                    .build());
        }
        if (tiles.isEmpty()) return null;
        int columns = Math.min(4, tiles.size());
        int rows = (tiles.size() + columns - 1) / columns;
        int w = tiles.stream().mapToInt(BufferedImage::getWidth).max().getAsInt();
        int h = tiles.stream().mapToInt(BufferedImage::getHeight).max().getAsInt();
        int gap = 4;
        BufferedImage out =
                new BufferedImage(columns * (w + gap) + gap, rows * (h + gap) + gap, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.DARK_GRAY);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            for (int i = 0; i < tiles.size(); i++) {
                g.drawImage(tiles.get(i), gap + (i % columns) * (w + gap), gap + (i / columns) * (h + gap), null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }
}
