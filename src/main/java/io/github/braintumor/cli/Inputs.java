package io.github.braintumor.cli;

import io.github.braintumor.app.ResampleChoice;
import io.github.braintumor.conversion.SliceFiles;
import io.github.braintumor.data.LggDataException;
import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.PatientRecord;
import io.github.braintumor.data.PredictionLayout;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.imageplus.TiffStacks;
import io.github.braintumor.model.Architectures;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.nn.ClassifierHyperparameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What {@code segment} and {@code classify} accept: a TIFF (single slice or stack), a patient folder, or a data
 * folder of patient folders. Each becomes one or more {@link Volume}s, read when asked (one patient in memory).
 *
 * <pre>{@code for (Inputs.Volume v : Inputs.of(Path.of("kaggle_3m"))) { List<SliceImage> s = v.read(System.err::println); } }</pre>
 */
public final class Inputs {
    private Inputs() {}

    /**
     * A stack to process.
     *
     * @param name patient id, or the file name without extension
     * @param sliceIds one id per slice: file stems for folders, "1".."n" for a stack file
     * @param patient the patient record when the input was a folder, else null
     * @param file the TIFF when the input was a file, else null
     * @param frame the 1-based time point of a file with several frames (each is a volume of its own), else 0
     * @param channels 3 to read a single-channel stack file as 3 channels interleaved (c1 z1, c2 z1, c3 z1, c1 z2,
     *     ...), 0 to read it as stored
     */
    public record Volume(
            String name, List<String> sliceIds, PatientRecord patient, Path file, int frame, int channels) {
        /**
         * Reads the slices, telling {@code notes} what was converted (16/32-bit scaling, a grey channel copied
         * to all three) in the words the Fiji commands use.
         */
        public List<SliceImage> read(Consumer<String> notes) throws Exception {
            return readCalibrated(notes).slices();
        }

        /**
         * {@link #read} with the pixel size a TIFF file records (ImageJ's calibration; folders of the Kaggle
         * layout record none: square pixels).
         */
        public Read readCalibrated(Consumer<String> notes) throws Exception {
            if (file != null) {
                TiffStacks.Stack stack = tiff(() -> TiffStacks.read(file, channels));
                // a time point only: 3-D post-processing never joins frames
                List<SliceImage> slices = frame > 0 ? stack.frame(frame) : stack.slices();
                if (!stack.conversionNote().isEmpty()) notes.accept(stack.conversionNote());
                return new Read(slices, stack.pixelWidth(), stack.pixelHeight());
            }
            List<Path> files = patient.slices().stream().map(SliceRecord::image).toList();
            List<SliceImage> slices = SliceFiles.read(files);
            if (SliceFiles.scaled(files)) {
                notes.accept("16/32-bit slices of '" + name + "': each channel scaled to 0..255 over the whole"
                        + " volume (one scale, not one per slice)");
            }
            long grey = slices.stream().filter(SliceImage::replicated).count();
            if (grey > 0) {
                notes.accept(grey + " single-channel slice(s) of '" + name + "': the channel is replicated to"
                        + " pre-contrast, FLAIR and post-contrast (expect worse results)");
            }
            return new Read(slices, 1, 1);
        }
    }

    /**
     * A volume's slices and the pixel size its file records (1 x 1 when none).
     *
     * @param slices      the slices, in order
     * @param pixelWidth  calibrated pixel width
     * @param pixelHeight calibrated pixel height
     */
    public record Read(List<SliceImage> slices, double pixelWidth, double pixelHeight) {
        /** @return the resampling choice for these slices: on or off, with their pixel aspect */
        public ResampleChoice resampling(boolean resample) {
            return ResampleChoice.of(resample, pixelWidth, pixelHeight);
        }
    }

    public static List<Volume> of(Path input) throws Exception {
        return of(input, 0);
    }

    /**
     * @param channels 3: a single-channel TIFF stack holds 3 channels interleaved ({@code --channels 3}); 0: as stored
     */
    public static List<Volume> of(Path input, int channels) throws Exception {
        if (!Files.exists(input)) throw new UsageException("input not found: " + input);
        if (channels != 0 && channels != 3) throw new UsageException("--channels must be 3, got " + channels);
        if (channels != 0 && Files.isDirectory(input)) {
            throw new UsageException("--channels 3 applies to a single TIFF stack, not to a folder: " + input);
        }
        if (Files.isDirectory(input)) {
            LggDataset data = LggDataset.indexImages(input); // masks are not needed: unlabelled data is normal
            if (data.patients().isEmpty()) throw new UsageException("no patient folders with TIFF slices in " + input);
            List<Volume> volumes = new ArrayList<>();
            for (PatientRecord p : data.patients()) {
                List<String> ids = p.slices().stream().map(s -> stem(s.image())).toList();
                volumes.add(new Volume(p.id(), ids, p, null, 0, 0));
            }
            return volumes;
        }
        TiffStacks.Shape stack = tiff(() -> TiffStacks.shape(input, channels));
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= stack.slicesPerFrame(); i++) ids.add(Integer.toString(i));
        if (stack.frames() == 1) return List.of(new Volume(stem(input), ids, null, input, 0, channels));
        // a time series: each time point is a volume of its own, named <file>_t<N>
        List<Volume> frames = new ArrayList<>();
        for (int t = 1; t <= stack.frames(); t++) {
            frames.add(new Volume(stem(input) + "_t" + t, ids, null, input, t, channels));
        }
        return frames;
    }

    /** Masks from a TIFF (non-zero = tumour). */
    public static List<SliceMask> readMasks(Path file) throws UsageException {
        return tiff(() -> TiffStacks.readMasks(file));
    }

    /** What {@link TiffStacks} refuses is the user's input: exit 2 with its one line. */
    private static <T> T tiff(Supplier<T> read) throws UsageException {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** File name without .tif/.tiff. */
    public static String stem(Path file) {
        return PredictionLayout.stem(file);
    }

    static LggDataset dataset(Path folder) throws UsageException, LggDataException {
        if (!Files.isDirectory(folder)) throw new UsageException("data folder not found: " + folder);
        LggDataset data = LggDataset.index(folder);
        if (data.patients().isEmpty()) throw new UsageException("no patient folders with TIFF slices in " + folder);
        return data;
    }

    /** The hyperparameters of a classifier bundle (its model.json), for retraining them. */
    static ClassifierHyperparameters classifierHyperparameters(Path bundle) throws UsageException {
        try {
            ModelInfo info = ModelBundle.readInfo(bundle);
            if (ModelKind.fromId(info.kind()) != ModelKind.CLASSIFIER) {
                throw new UsageException(
                        bundle + " is a " + info.kind() + " bundle: --hyperparameters needs a classifier"
                                + " bundle (e.g. the best/ folder of search-classifier)");
            }
            return Architectures.classifierHyperparameters(info);
        } catch (BundleException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
