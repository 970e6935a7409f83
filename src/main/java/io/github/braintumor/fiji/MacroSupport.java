package io.github.braintumor.fiji;

import java.io.File;

/**
 * What every shipped macro (macros/*.ijm) does with its arguments, in one place, called with {@code call(...)}:
 * fields of {@code "a|b||c"} with the empty ones kept, inputs that must exist, output folders made up front, and
 * one way to fail: a message, the macro stopped, and under {@code ImageJ -batch} exit code 1 (no modal dialog, which
 * would hang a batch run). All methods take and return strings, as {@code call} needs.
 *
 * <pre>{@code
 * M = "io.github.braintumor.fiji.MacroSupport.";
 * input = call(M + "inputFile", call(M + "argument", getArgument(), "0"), "input TIFF");
 * output = call(M + "outputFolder", call(M + "argument", getArgument(), "1"), "output folder");
 * }</pre>
 */
public final class MacroSupport {
    private MacroSupport() {}

    /** @return field {@code index} (0-based) of {@code arguments} split at '|', empty fields kept; "" past the end */
    public static String argument(String arguments, String index) {
        String[] fields = (arguments == null ? "" : arguments).split("\\|", -1);
        int i = Integer.parseInt(index.trim());
        return i >= 0 && i < fields.length ? fields[i].trim() : "";
    }

    /** @return {@code path} when it is a file; else fails naming {@code what} */
    public static String inputFile(String path, String what) {
        if (path == null || path.isBlank()) return fail(what + " is missing: give it as an argument");
        if (!new File(path).isFile()) return fail(what + " not found: " + path);
        return path;
    }

    /** @return {@code path} when it is a folder; else fails naming {@code what} */
    public static String inputFolder(String path, String what) {
        if (path == null || path.isBlank()) return fail(what + " is missing: give it as an argument");
        if (!new File(path).isDirectory()) return fail(what + " not found (or not a folder): " + path);
        return path;
    }

    /** @return {@code path}, created with its parents when absent; fails when it is a file or cannot be made */
    public static String outputFolder(String path, String what) {
        if (path == null || path.isBlank()) return fail(what + " is missing: give it as an argument");
        File f = new File(path);
        if (f.isFile()) return fail(what + " " + path + " is a file, not a folder");
        if (!f.isDirectory() && !f.mkdirs()) {
            return fail("cannot create the " + what + " " + path + ": check that its parent is writable");
        }
        return path;
    }

    /** @return {@code path} of a file to write, its folder created when absent */
    public static String outputFile(String path, String what) {
        if (path == null || path.isBlank()) return fail(what + " is missing: give it as an argument");
        File f = new File(path).getAbsoluteFile();
        if (f.isDirectory()) return fail(what + " " + path + " is a folder; give a file name");
        outputFolder(f.getParent(), "folder of the " + what);
        return path;
    }

    /**
     * Ends the macro with {@code message}: a log line (a dialog for a user at the screen), the macro stopped, and
     * under {@code ImageJ -batch} exit code {@value CommandLineBatch#ERROR_EXIT}.
     *
     * @return "" (never reached by the macro, which is stopped)
     */
    public static String fail(String message) {
        PluginFailure.report("Brain Tumor macro", message);
        return "";
    }
}
