package io.github.braintumor.cli;

import io.github.braintumor.Version;
import io.github.braintumor.app.UserErrors;
import io.github.braintumor.engine.DeviceChoice;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.engine.FreeCores;
import io.github.braintumor.engine.Precision;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Headless command line: {@code brain-tumor <subcommand> [options]}.
 *
 * <pre>{@code
 * int code = new Main().run(new String[] {"overview", "data/kaggle_3m"}, System.out, System.err);
 * }</pre>
 *
 * Exit codes: 0 success, 1 unexpected failure, 2 bad usage or bad input (one line on stderr),
 * 3 a needed embedded model is not in this build.
 */
public final class Main {
    /** Every subcommand; add new ones here. */
    /** The subcommands in the plugin jar. */
    public static final List<Subcommand> BUILT_IN = List.of(
            new OverviewSubcommand(),
            new TrainUnetSubcommand(),
            new TrainClassifierSubcommand(),
            new SearchClassifierSubcommand(),
            new SegmentSubcommand(),
            new ClassifySubcommand(),
            new IouSubcommand(),
            new EvaluateSubcommand(),
            new DemoSubcommand(),
            new ImportTorchScriptSubcommand(),
            new BioImageIoSubcommands.Import(),
            new BioImageIoSubcommands.Export());

    /**
     * The subcommands: {@link #BUILT_IN} and any found on the class path ({@code META-INF/services}): the benchmark
     * ({@code bench}) lives in the test tree, out of the plugin jar, and {@code bin/brain-tumor bench} adds it.
     */
    public static final List<Subcommand> SUBCOMMANDS = withServices(BUILT_IN);

    private static List<Subcommand> withServices(List<Subcommand> builtIn) {
        List<Subcommand> all = new ArrayList<>(builtIn);
        for (Subcommand s : ServiceLoader.load(Subcommand.class)) all.add(s);
        return List.copyOf(all);
    }

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int NO_MODEL = 3;

    private final List<Subcommand> subcommands;

    public Main() {
        this(SUBCOMMANDS);
    }

    /** For tests and for tools that add their own subcommands. */
    public Main(List<Subcommand> subcommands) {
        this.subcommands = subcommands;
    }

    public static void main(String[] args) {
        FreeCores.prefetch(); // samples the idle cores while the command reads its inputs
        System.exit(new Main().run(args, System.out, System.err));
    }

    /** Runs one subcommand and returns its exit code; never calls System.exit. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(overview());
            return args.length == 0 ? BAD_INPUT : OK;
        }
        if (args[0].equals("--version")) {
            out.println("brain-tumor " + Version.get());
            return OK;
        }
        Subcommand command = find(args[0]);
        if (command == null) {
            err.println("brain-tumor: unknown subcommand '" + args[0] + "'; one of: " + names());
            return BAD_INPUT;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            out.println("usage: brain-tumor " + command.usage());
            out.println(DEVICE_HELP);
            out.println(PRECISION_HELP);
            return OK;
        }
        try {
            rest = applyPrecision(applyDevice(rest));
            return command.run(rest, out, err);
        } catch (Exception e) {
            if (isBadInput(e)) {
                err.println("brain-tumor " + command.name() + ": " + oneLine(e));
                return BAD_INPUT;
            }
            String full = diskFull(e);
            if (full != null) { // not a bug: one line, and the output transaction has kept the earlier output
                err.println("brain-tumor " + command.name() + ": the disk is full (" + full + "): free some space"
                        + " or write elsewhere, then run again; an earlier output was left as it was");
                return FAILED;
            }
            err.println("brain-tumor " + command.name() + ": failed: " + oneLine(e));
            e.printStackTrace(err);
            return FAILED;
        }
    }

    /** The option every subcommand takes, handled here once. */
    static final String DEVICE_HELP =
            "  --device auto|cpu|gpu  (any subcommand) where PyTorch runs; default auto: a GPU when"
                    + " PyTorch can use one, else the CPU; gpu is refused at once where none can be used";

    /**
     * Takes {@code --device X} out of the arguments and makes it the process's device choice; {@code gpu} is
     * checked before the work starts (the engine starts here) so an impossible choice is a one-line exit 2.
     */
    static List<String> applyDevice(List<String> args) throws UsageException {
        List<String> rest = new ArrayList<>(args);
        String value = takeValue(rest, "--device", "auto, cpu or gpu");
        if (value == null) return args;
        DeviceChoice choice = DeviceChoice.parse(value);
        DjlEngine.configure(null, choice); // the start settings, or applied if running
        if (choice == DeviceChoice.GPU) DjlEngine.start(); // refused here, before work
        return rest;
    }

    /**
     * Removes {@code flag VALUE} from {@code args} (a mutable list).
     *
     * @return the value, or null when the flag is absent
     * @throws UsageException the flag is last, without its value
     */
    private static String takeValue(List<String> args, String flag, String values) throws UsageException {
        int i = args.indexOf(flag);
        if (i < 0) return null;
        if (i + 1 >= args.size()) throw new UsageException(flag + " needs a value: " + values);
        String value = args.get(i + 1);
        args.subList(i, i + 2).clear();
        return value;
    }

    /** The other option every subcommand takes. */
    static final String PRECISION_HELP =
            "  --precision auto|float32|bfloat16  (any subcommand) number format of inference and UNet training"
                    + " (mixed precision: float32 weights and loss); default auto: bfloat16 on a CPU with AVX512_BF16"
                    + " or AMX (faster; see docs/BENCHMARKS.md), else float32";

    /** Takes {@code --precision X} out of the arguments and makes it the process's default for inference. */
    static List<String> applyPrecision(List<String> args) throws UsageException {
        List<String> rest = new ArrayList<>(args);
        String value = takeValue(rest, "--precision", "auto, float32 or bfloat16");
        if (value == null) return args;
        System.setProperty(Precision.PROPERTY, Precision.parse(value).id());
        return rest;
    }

    private Subcommand find(String name) {
        return subcommands.stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElse(null);
    }

    private String names() {
        return String.join(", ", subcommands.stream().map(Subcommand::name).toList());
    }

    private String overview() {
        StringBuilder s = new StringBuilder(
                "usage: brain-tumor <subcommand> [options]   (--help after a subcommand for its options)\n\n");
        for (Subcommand c : subcommands) s.append(String.format(Locale.ROOT, "  %-18s %s%n", c.name(), c.summary()));
        s.append("\n").append(DEVICE_HELP).append("\n").append(PRECISION_HELP).append("\n");
        s.append("\nExit codes: 0 ok, 1 failure, 2 bad usage or input, 3 embedded model missing.\n");
        return s.toString();
    }

    static boolean isBadInput(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UsageException) return true;
        }
        return UserErrors.isUserError(e);
    }

    /** @return the message of a "no space left" failure in {@code e}'s causes, or null */
    static String diskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (t instanceof IOException && m != null && m.contains("No space left on device")) return m;
        }
        return null;
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ').trim();
    }
}
