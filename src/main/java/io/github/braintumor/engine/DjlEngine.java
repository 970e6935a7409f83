package io.github.braintumor.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Utils;
import java.io.IOException;
import java.util.Locale;

/**
 * Starts Deep Java Library's PyTorch engine once per JVM, offline: thread counts, context class loader (needed
 * inside Fiji, djl issue 523), seed and device.
 *
 * <pre>{@code
 * DjlEngine.start(EngineOptions.defaults());
 * Device device = DjlEngine.device();          // GPU when PyTorch can use one (device auto), else CPU
 * System.out.println(DjlEngine.describe());     // "PyTorch 2.7.1, 4 threads (1 inter-op), seed 42, device cpu()"
 * }</pre>
 *
 * <p>Thread counts are read by PyTorch only when the engine is first created, so they are set as the system
 * properties {@value #NUM_THREADS} and {@value #NUM_INTEROP_THREADS} before that, unless the user has already set
 * them (e.g. with {@code -D} on the command line). {@code ai.djl.offline=true} is set (unless set by the user) so a
 * missing native library fails at once with a clear message instead of trying to download libtorch. OpenMP's
 * wait policy is made passive first ({@link OpenMpWaitPolicy}) so that a busy core does not stall every thread, and
 * glibc malloc is told to keep freed memory ({@link MallocTuning}) so that layers do not page-fault their outputs.
 */
public final class DjlEngine {

    /** The DJL engine name. */
    public static final String ENGINE_NAME = "PyTorch";
    /** System property read by DJL's PyTorch engine for intra-op threads. */
    public static final String NUM_THREADS = "ai.djl.pytorch.num_threads";
    /** System property for {@link EngineOptions#workers()} (0 or unset: from the threads, as there). */
    public static final String WORKERS = "braintumor.workers";
    /** System property read by DJL's PyTorch engine for inter-op threads. */
    public static final String NUM_INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";
    /** System property that stops DJL from downloading anything. */
    public static final String OFFLINE = "ai.djl.offline";
    /** The PyTorch version whose native jar the plugin ships. */
    public static final String PYTORCH_VERSION = "2.7.1";

    private static Engine engine;
    private static Device device;
    private static EngineOptions options;

    private DjlEngine() {}

    /**
     * Starts the engine; later calls return the running engine (their options are ignored apart from the seed,
     * which is applied again).
     *
     * @throws EngineUnavailableException when the PyTorch engine or its native library cannot be loaded
     */
    public static synchronized Engine start(EngineOptions requested) {
        if (engine != null) {
            seed(requested.seed());
            return engine;
        }
        Integer userThreads = userCount(NUM_THREADS);
        Integer userWorkers = userCount(WORKERS);
        threadsProperty(NUM_THREADS, requested.threads());
        threadsProperty(NUM_INTEROP_THREADS, requested.interopThreads());
        int threads = userThreads != null ? userThreads : requested.threads();
        // a thread count a person gave is the budget of the process: the workers follow it unless set themselves
        int workers = userWorkers != null ? userWorkers : userThreads != null ? userThreads : requested.workers();
        setIfAbsent(OFFLINE, "true");
        // DJL's CudaUtils warns twice at every start on a machine with a CUDA runtime but no usable driver (the CPU is
        // used then anyway); with slf4j-simple (ImageJ 1, the CLI) that warning is quiet unless asked for
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        OpenMpWaitPolicy.apply(); // before libgomp loads with libtorch: it reads the policy only then
        MallocTuning.apply(); // before libtorch's first allocations

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        Engine started;
        try {
            // DJL finds engines with ServiceLoader through the context class loader; in Fiji that loader
            // does not see the plugin's jars.
            thread.setContextClassLoader(DjlEngine.class.getClassLoader());
            started = Engine.getEngine(ENGINE_NAME);
            started.getVersion(); // forces the native library to load now, not at the first NDArray
        } catch (Throwable e) { // EngineException, IllegalArgumentException, UnsatisfiedLinkError...
            IOException cache = extractionFailure(e);
            if (cache != null) throw new EngineCacheException(cacheMessage(cache), e);
            throw new EngineUnavailableException(unavailableMessage(e), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
        // resolved first: a device that cannot be used leaves the engine unstarted, so a later choice can start it
        Device chosen =
                requested.device().resolve(started.getGpuCount(), started.hasCapability(StandardCapabilities.CUDA));
        engine = started;
        options = new EngineOptions(threads, requested.interopThreads(), workers, requested.seed(), requested.device());
        device = chosen;
        seed(requested.seed());
        return engine;
    }

    /**
     * Applies a user's engine settings (Fiji's Options command, a command's {@code device} key): before the engine
     * starts they become the settings it starts with (nothing is loaded here); when it runs, what PyTorch can change
     * while it runs changes, the intra-op threads and the device. Inter-op threads and the seed stay as started.
     *
     * <pre>{@code
     * DjlEngine.configure(2, DeviceChoice.CPU);    // two threads (and two inference workers), CPU, from now on
     * DjlEngine.configure(null, DeviceChoice.AUTO); // threads as they are (or the default rule at start)
     * }</pre>
     *
     * @param threads intra-op threads (&gt;= 1), or null to keep them (at start: the default rule, a user's
     *     {@code -D}{@value #NUM_THREADS} included); the inference workers follow them
     * @throws IllegalArgumentException for threads &lt; 1, or a GPU asked for where none can be used (nothing changes;
     *     before the start this is found by {@link #start(EngineOptions)})
     */
    public static void configure(Integer threads, DeviceChoice choice) {
        configure(threads, threads, choice);
    }

    /**
     * As {@link #configure(Integer, DeviceChoice)}, with the inference workers ({@link EngineOptions#workers()})
     * given apart from the threads: Fiji's automatic setting takes the free cores as threads but every core it may
     * use as workers.
     *
     * @param workers inference workers (&gt;= 1), or null to keep them
     */
    public static synchronized void configure(Integer threads, Integer workers, DeviceChoice choice) {
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (workers != null && workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        if (engine == null) {
            // Not started: kept for the start, so a command that needs no model (IoU, overview) never loads
            // libtorch. An explicit setting beats -D, as it does once the engine runs.
            if (threads != null) System.setProperty(NUM_THREADS, Integer.toString(threads));
            if (workers != null) System.setProperty(WORKERS, Integer.toString(workers));
            System.setProperty(DeviceChoice.PROPERTY, choice.id());
            return;
        }
        Device chosen = choice.resolve(engine.getGpuCount(), engine.hasCapability(StandardCapabilities.CUDA));
        int running = threads != null ? threads : options.threads();
        if (threads != null) {
            // OpenMP keeps the count per thread: this sets it for the calling thread (the one that runs the command's
            // inference) and for threads PyTorch initialises later; callers apply it on their own thread each run
            JniUtils.setNumThreads(threads);
            System.setProperty(NUM_THREADS, Integer.toString(threads));
        }
        if (workers != null) System.setProperty(WORKERS, Integer.toString(workers));
        device = chosen;
        options = new EngineOptions(
                running,
                options.interopThreads(),
                workers != null ? workers : options.workers(),
                options.seed(),
                choice);
        System.setProperty(DeviceChoice.PROPERTY, choice.id()); // the process's choice, as before the start
    }

    /**
     * Gives the calling thread its own intra-op thread count, leaving every other thread as it was: OpenMP keeps
     * the count per thread, but PyTorch's {@code set_num_threads} also sets the count that each thread it has not
     * seen yet starts with (a Fiji command's new thread, say), which a helper thread sets back to the engine's.
     * For {@link WorkerPool}'s threads.
     */
    static synchronized void useThreadsOnThisThread(int threads) {
        start();
        JniUtils.getNumThreads(); // PyTorch's first look on this thread, which would reset it later
        JniUtils.setNumThreads(threads);
        JniUtils.setGradMode(false); // inference only; autograd's switch is per thread too
        int engineThreads = options.threads();
        Thread restore = new Thread(() -> JniUtils.setNumThreads(engineThreads), "brain-tumor-threads");
        restore.start();
        try {
            restore.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** PyTorch's intra-op threads for work started on the calling thread (OpenMP keeps them per thread). */
    private static int threadsHere() {
        return JniUtils.getNumThreads();
    }

    /** Starts with {@link EngineOptions#defaults()} if not started yet. */
    public static synchronized Engine start() {
        return engine != null ? engine : start(EngineOptions.defaults());
    }

    /** @return whether {@link #start(EngineOptions)} has succeeded in this JVM */
    public static synchronized boolean isStarted() {
        return engine != null;
    }

    /** @return the device chosen at start (starts with defaults if needed) */
    public static synchronized Device device() {
        start();
        return device;
    }

    /** @return the options the engine was started with (starts with defaults if needed) */
    public static synchronized EngineOptions options() {
        start();
        return options;
    }

    /**
     * Re-seeds the engine's random generators; call before {@code initialize} to make weights repeatable.
     * The long is folded to the int DJL takes (seeds below 2^31 are kept as they are).
     */
    public static synchronized void seed(long seed) {
        start();
        engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
    }

    /**
     * @return e.g. "PyTorch 2.7.1 (DJL 0.36.0), 4 threads, 1 inter-op thread, OpenMP wait PASSIVE, malloc tuned, seed
     *     42, device cpu(), inference bfloat16"
     */
    public static synchronized String describe() {
        start();
        return String.format(
                Locale.ROOT,
                "%s %s (DJL %s), %s threads, %s inter-op thread(s), %d inference worker(s), OpenMP wait %s, malloc %s,"
                        + " seed %d, device %s, inference %s",
                engine.getEngineName(),
                engine.getVersion(),
                Engine.getDjlVersion(),
                threadsHere(),
                System.getProperty(NUM_INTEROP_THREADS),
                options.workers(),
                OpenMpWaitPolicy.applied(),
                MallocTuning.applied(),
                options.seed(),
                device,
                inferencePrecision());
    }

    /** @return what ran, for tables and logs: e.g. "PyTorch 2.7.1 cpu(), 1 thread(s), 2 worker(s), float32" */
    public static synchronized String brief() {
        start();
        return brief(inferencePrecision());
    }

    /** {@link #brief()} naming the number format a particular run used (a TorchScript model: float32). */
    public static synchronized String brief(String precision) {
        start();
        return String.format(
                Locale.ROOT,
                "%s %s %s, %s thread(s), %d worker(s), %s",
                engine.getEngineName(),
                engine.getVersion(),
                device,
                threadsHere(),
                options.workers(),
                precision);
    }

    /** @return the number format inference of this project's models uses here by default (TorchScript: its own) */
    private static String inferencePrecision() {
        return Precision.processDefault().resolve(device).id();
    }

    /** Native classifier of this OS as used by {@code ai.djl.pytorch:pytorch-native-cpu}. */
    static String nativeClassifier() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String cpu = arch.contains("aarch64") || arch.contains("arm64") ? "aarch64" : "x86_64";
        String system = os.startsWith("mac") ? "osx" : os.startsWith("win") ? "win" : "linux";
        return system + "-" + cpu;
    }

    /** The file-system failure under an engine start, when libtorch could not be extracted into DJL's cache. */
    static IOException extractionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException io) return io;
        }
        return null;
    }

    /** One line: which cache folder failed and how to give DJL another. */
    static String cacheMessage(IOException e) {
        return "Cannot extract libtorch into Deep Java Library's cache ("
                + e.getClass().getSimpleName() + ": "
                + e.getMessage() + "): make " + cacheDir() + " a writable folder, or point ENGINE_CACHE_DIR at one"
                + " (environment, or -DENGINE_CACHE_DIR=DIR in BRAIN_TUMOR_JAVA_OPTS / Fiji's JVM options)";
    }

    /** Where DJL extracts libtorch (its own lookup: ENGINE_CACHE_DIR, else DJL_CACHE_DIR, else ~/.djl.ai). */
    static String cacheDir() {
        return Utils.getEngineCacheDir("pytorch").toString();
    }

    static String unavailableMessage(Throwable e) {
        return "The PyTorch engine of Deep Java Library could not start (" + e + "). "
                + "It needs ai.djl:api and ai.djl.pytorch:pytorch-engine " + Engine.getDjlVersion()
                + ", ai.djl.pytorch:pytorch-jni and the native jar ai.djl.pytorch:pytorch-native-cpu:" + PYTORCH_VERSION
                + ":" + nativeClassifier() + " on the class path (in Fiji: Fiji.app/jars/ and jars/<platform>/), "
                + "or set the environment variable PYTORCH_LIBRARY_PATH to a libtorch " + PYTORCH_VERSION
                + " folder. Downloads are disabled (" + OFFLINE + "=" + System.getProperty(OFFLINE) + ").";
    }

    /**
     * Sets a thread count property unless the user set a positive one. A user's 0 or blank (e.g.
     * {@code BRAIN_TUMOR_THREADS=0}) means "the default", as {@code --threads 0} does; PyTorch would otherwise fail
     * to start and the message would blame the native library.
     *
     * @throws IllegalArgumentException when the user's value is not a whole number
     */
    static void threadsProperty(String key, int fallback) {
        if (userCount(key) == null) System.setProperty(key, Integer.toString(fallback));
    }

    /**
     * @return a positive count the user set as {@code -Dkey}, or null for none (unset, blank or 0: the default)
     * @throws IllegalArgumentException when the value is not a whole number
     */
    static Integer userCount(String key) {
        String user = System.getProperty(key);
        if (user == null || user.isBlank()) return null;
        int n;
        try {
            n = Integer.parseInt(user.trim());
        } catch (NumberFormatException e) {
            String env = key.equals(NUM_THREADS) ? " (BRAIN_TUMOR_THREADS)" : "";
            throw new IllegalArgumentException(
                    "-D" + key + env + " must be a whole number, 0 = default; got '" + user + "'");
        }
        return n > 0 ? Bounds.threads(n, "-D" + key + (key.equals(NUM_THREADS) ? " (BRAIN_TUMOR_THREADS)" : "")) : null;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
