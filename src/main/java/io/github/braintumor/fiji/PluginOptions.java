package io.github.braintumor.fiji;

import ij.Prefs;
import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.PreferencesOptions;
import io.github.braintumor.args.OptionValues;
import io.github.braintumor.engine.Bounds;
import io.github.braintumor.engine.DeviceChoice;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.engine.FreeCores;
import io.github.braintumor.engine.Precision;
import io.github.braintumor.infer.InferenceOptions;
import io.github.braintumor.io.AtomicFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * What Plugins &gt; Brain Tumor &gt; Brain Tumor Options sets for every later command, in Fiji (SciJava) and in plain
 * ImageJ 1 alike: PyTorch's intra-op threads, the device, the inference batch size and precision. Saved at once (not at
 * ImageJ's exit) in {@code ~/.braintumor/options.properties}, or the file named by {@value #FILE_PROPERTY}.
 *
 * <pre>{@code
 * new PluginOptions(2, DeviceChoice.CPU, 4).save();
 * PluginOptions.load().applyToEngine(null);   // 2 threads on the CPU from now on
 * int batch = PluginOptions.load().batchSize(0);  // 4: a command's batchsize=0 means "as in the options"
 * }</pre>
 *
 * @param threads intra-op threads, 0 = automatic: the cores other programs leave free, at most ImageJ's
 *     Edit &gt; Options &gt; Memory &amp; Threads setting
 * @param device auto, cpu or gpu
 * @param batchSize slices per forward pass when a command's own batch size is 0
 * @param precision the number format of inference (auto: bfloat16 where the CPU computes it natively)
 */
public record PluginOptions(int threads, DeviceChoice device, int batchSize, Precision precision) {
    /** System property naming the options file (tests, shared installations). */
    public static final String FILE_PROPERTY = "braintumor.options";

    public PluginOptions {
        Bounds.threads(threads, "threads");
        Bounds.batchSize(batchSize, "batch size");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(precision, "precision");
    }

    /** With precision auto. */
    public PluginOptions(int threads, DeviceChoice device, int batchSize) {
        this(threads, device, batchSize, Precision.AUTO);
    }

    /** @return automatic threads, device auto, the measured default batch size */
    public static PluginOptions defaults() {
        return new PluginOptions(0, DeviceChoice.AUTO, InferenceOptions.DEFAULT_BATCH_SIZE);
    }

    /** @return the options one run of {@link PreferencesOptions#TABLE}'s values sets, either twin */
    public static PluginOptions of(OptionValues v) {
        return new PluginOptions(
                v.get(PreferencesOptions.THREADS),
                DeviceChoice.parse(v.get(PreferencesOptions.DEVICE)),
                v.get(PreferencesOptions.BATCH_SIZE),
                Precision.parse(v.get(PreferencesOptions.PRECISION)));
    }

    /** @return these options by their keys in {@link PreferencesOptions#TABLE}, for a dialog to start from */
    public Map<String, Object> values() {
        return Map.of(
                PreferencesOptions.THREADS.key(),
                threads,
                PreferencesOptions.DEVICE.key(),
                device.id(),
                PreferencesOptions.BATCH_SIZE.key(),
                batchSize,
                PreferencesOptions.PRECISION.key(),
                precision.id());
    }

    /** @return the saved options; the defaults where nothing (or nothing readable) was saved */
    public static PluginOptions load() {
        return load(file());
    }

    /** @return the options saved in this file; the defaults where it is missing or unreadable */
    public static PluginOptions load(Path file) {
        if (!Files.isRegularFile(file)) return defaults();
        Properties p = new Properties();
        PluginOptions d = defaults();
        try {
            p.load(new StringReader(Files.readString(file)));
            return new PluginOptions(
                    Integer.parseInt(p.getProperty("threads", "" + d.threads).trim()),
                    DeviceChoice.parse(p.getProperty("device", d.device.id())),
                    Integer.parseInt(
                            p.getProperty("batchsize", "" + d.batchSize).trim()),
                    Precision.parse(p.getProperty("precision", d.precision.id())));
        } catch (IOException | IllegalArgumentException e) {
            // a hand-edited or damaged file must not stop every command; the Options dialog shows and rewrites it
            return d;
        }
    }

    /** Writes the options to their file (temporary name, then moved into place). */
    public void save() throws IOException {
        Properties p = new Properties();
        p.setProperty("threads", Integer.toString(threads));
        p.setProperty("device", device.id());
        p.setProperty("batchsize", Integer.toString(batchSize));
        p.setProperty("precision", precision.id());
        StringWriter text = new StringWriter();
        p.store(text, "Brain Tumor options (Plugins > Brain Tumor > Brain Tumor Options)");
        Path file = file();
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.writeString(file, text.toString());
    }

    /** @return the options file */
    public static Path file() {
        String configured = System.getProperty(FILE_PROPERTY);
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".braintumor", "options.properties");
    }

    /** @return the threads PyTorch gets: the set number, or automatic (free cores, capped by ImageJ's setting) */
    public int engineThreads() {
        return threads > 0 ? threads : Math.max(1, Math.min(FreeCores.estimate(), Prefs.getThreads()));
    }

    /**
     * @return the inference workers: the set number of threads, or automatic (every core ImageJ's setting allows:
     *     a worker on a busy core takes fewer batches, so busy cores are not left out as they are for threads)
     */
    public int engineWorkers() {
        return threads > 0
                ? threads
                : Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), Prefs.getThreads()));
    }

    /** @return a command's batch size, or these options' where the command says 0 ("as in the options") */
    public int batchSize(int requested) {
        return requested > 0 ? requested : batchSize;
    }

    /**
     * Applies threads, device and precision before a command's work (starts the engine if needed).
     *
     * @param commandDevice the command's own {@code device} key, or null / "options" for these options' device
     * @throws IllegalArgumentException for a device this machine cannot use, with what to choose instead
     */
    public void applyToEngine(String commandDevice) {
        DeviceChoice choice = commandDevice == null
                        || commandDevice.isBlank()
                        || commandDevice.equals(CommonOptions.DEVICE_FROM_OPTIONS)
                ? device
                : DeviceChoice.parse(commandDevice);
        DjlEngine.configure(engineThreads(), engineWorkers(), choice);
        System.setProperty(Precision.PROPERTY, precision.id()); // InferenceOptions' default from now on
    }

    /**
     * @return e.g. "threads 0 (automatic: 1, stacks on 2 workers), device auto, batch size 4, precision auto" for logs
     *     and dialogs
     */
    public String describe() {
        return "threads "
                + (threads > 0
                        ? Integer.toString(threads)
                        : "0 (automatic: " + engineThreads() + ", stacks on " + engineWorkers() + " workers)")
                + ", device " + device.id() + ", batch size " + batchSize + ", precision " + precision.id();
    }
}
