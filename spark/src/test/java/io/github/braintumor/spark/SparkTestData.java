package io.github.braintumor.spark;

import io.github.braintumor.data.PhantomGenerator;
import io.github.braintumor.model.EmbeddedModels;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.report.CsvTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** Shared test set-up: small phantom patients, the embedded UNet's folder, a quiet local Spark. */
final class SparkTestData {
    static final int PATIENTS = 3;
    static final int SLICES = 4;
    static final int SIZE = 256; // the embedded UNet needs the LGG size

    private SparkTestData() {}

    /** Three 256x256 phantom patients of four slices (seeded), in {@code dir/kaggle_3m}. */
    static Path phantoms(Path dir) throws IOException {
        PhantomGenerator.builder()
                .optSeed(42)
                .optPatients(PATIENTS)
                .optSlicesPerPatient(SLICES)
                .optSize(SIZE)
                .optHospitals("CS", "DU")
                .build()
                .write(dir);
        return dir.resolve("kaggle_3m");
    }

    static Path embeddedUnet() throws Exception {
        try (ModelBundle b = EmbeddedModels.load(ModelKind.UNET)) {
            return b.directory();
        }
    }

    /** local[2,4]: two task slots, and a failed task is tried up to four times. */
    static SparkSession spark() {
        return SparkSession.builder()
                .master("local[2,4]")
                .appName("brain-tumor-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.hadoop.fs.stage.impl", StageFileSystem.class.getName())
                .config("spark.hadoop.fs.stage.impl.disable.cache", "true")
                .getOrCreate();
    }

    static CsvTable csv(Path file) throws IOException {
        return CsvTable.read(file);
    }

    /**
     * What the single-machine {@code brain-tumor segment} computes for every patient of {@code data} (the same app
     * calls the CLI makes): its rows of segmentation.csv and volumes.csv, and each mask checked against the one
     * written under {@code out} in segment's layout.
     *
     * @return {segmentation.csv, volumes.csv}
     */
    static CsvTable[] assertSegmentedAsSingleMachine(Path data, Path unet, Path out) throws Exception {
        CsvTable.Builder slices = io.github.braintumor.app.SegmentationTables.slices();
        CsvTable.Builder volumes = io.github.braintumor.app.SegmentationTables.volumes();
        try (ModelBundle bundle = ModelBundle.load(unet, ModelKind.UNET)) {
            for (io.github.braintumor.data.PatientRecord p :
                    io.github.braintumor.data.LggDataset.index(data).patients()) {
                List<io.github.braintumor.data.SliceImage> images = new java.util.ArrayList<>();
                for (io.github.braintumor.data.SliceRecord r : p.slices()) {
                    images.add(io.github.braintumor.data.LggTiff.readImage(
                            r.image(), io.github.braintumor.data.LggTiff.ANY_SIZE));
                }
                io.github.braintumor.app.StackSegmentation.Output o = io.github.braintumor.app.StackSegmentation.run(
                        images,
                        new io.github.braintumor.app.StackSegmentation.Settings(
                                "", Double.NaN, io.github.braintumor.app.StackSegmentation.DEFAULT_BATCH_SIZE, 1.0),
                        bundle,
                        io.github.braintumor.progress.ProgressListener.silent(),
                        () -> false);
                io.github.braintumor.app.SegmentationTables.add(
                        slices,
                        volumes,
                        p.id(),
                        p.slices().stream()
                                .map(r -> io.github.braintumor.data.PredictionLayout.stem(r.image()))
                                .toList(),
                        o);
                for (int i = 0; i < images.size(); i++) {
                    io.github.braintumor.data.SliceMask written = io.github.braintumor.data.LggTiff.readMask(
                            io.github.braintumor.data.PredictionLayout.path(
                                    out, p.slices().get(i)),
                            io.github.braintumor.data.LggTiff.ANY_SIZE);
                    org.junit.jupiter.api.Assertions.assertArrayEquals(
                            o.result().masks().get(i).pixels(), written.pixels(), p.id() + " " + i);
                }
            }
        }
        return new CsvTable[] {slices.build(), volumes.build()};
    }

    /** Entries of a folder, sorted. */
    static List<String> names(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * The real LGG data ({@code ../shared/lgg} next to the project root), two patients unpacked into
     * {@code target/lgg-cache}; empty when the shared folder is absent.
     */
    static Optional<Path> realData(String... patients) throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        if (root.getFileName().toString().equals("spark")) root = root.getParent(); // the module's folder
        Path shared = root.getParent().resolve("shared/lgg");
        if (!Files.isRegularFile(shared.resolve("unpack.sh"))) return Optional.empty();
        Path cache = Path.of("target", "lgg-cache").toAbsolutePath();
        Files.createDirectories(cache);
        List<String> cmd = new java.util.ArrayList<>(
                List.of("bash", shared.resolve("unpack.sh").toString(), cache.toString()));
        cmd.addAll(List.of(patients));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(cache.resolve("unpack.log").toFile())
                .start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("unpack.sh failed: " + Files.readString(cache.resolve("unpack.log")));
        }
        return Optional.of(cache.resolve("kaggle_3m"));
    }
}
