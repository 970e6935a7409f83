package io.github.braintumor.fiji;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scijava.plugin.Parameter;

/**
 * One macro syntax for check boxes in both twins. ImageJ 1 dialogs read a bare word ({@code outline}) as checked and
 * take {@code outline=true} for unchecked; Fiji's SciJava commands read {@code key=value} only and miss the bare
 * word. {@link #bareBooleans} rewrites options for the ImageJ 1 dialogs, {@link #applyBareWords} sets the SciJava
 * command's fields the bare words name, so {@code outline}, {@code outline=true} and {@code outline=false} mean the
 * same in both.
 *
 * <pre>{@code
 * MacroOptions.bareBooleans("model=[] outline=true probability=false", "outline", "probability"); // "model=[] outline"
 * MacroOptions.hasBareWord("model=[/a outline] outline", "outline");                             // true
 * MacroOptions.checkedUnlessSaid("model=[]", "resample");                                        // "model=[] resample"
 * }</pre>
 */
public final class MacroOptions {
    private MacroOptions() {}

    /**
     * Macro options with SciJava's {@code key=true} / {@code key=false} for the given check boxes rewritten to
     * ImageJ 1's bare word / nothing, so one macro line drives both twins.
     */
    public static String bareBooleans(String options, String... keys) {
        String s = " " + options;
        for (String key : keys) {
            s = s.replaceAll("(?i)(\\s)" + key + "=\\[?true\\]?(?=\\s|$)", "$1" + key)
                    .replaceAll("(?i)\\s+" + key + "=\\[?false\\]?(?=\\s|$)", "");
        }
        return s.substring(1);
    }

    /**
     * Macro options with {@code key} added as a bare word when they do not mention it at all, for a check box that
     * is on unless a macro says {@code key=false}: ImageJ 1 reads a check box a macro leaves out as unchecked, which
     * would switch such an option off in every macro written before it existed.
     */
    public static String checkedUnlessSaid(String options, String key) {
        for (String token : tokens(options)) {
            String t = token.toLowerCase(Locale.ROOT);
            String k = key.toLowerCase(Locale.ROOT);
            if (t.equals(k) || t.startsWith(k + "=")) return options;
        }
        return options.isBlank() ? key : options.stripTrailing() + " " + key;
    }

    /** @return whether the options hold {@code key} as a bare word (outside any {@code [...]} value) */
    public static boolean hasBareWord(String options, String key) {
        if (options == null) return false;
        for (String token : tokens(options)) {
            if (token.toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))) return true;
        }
        return false;
    }

    /** The space-separated words of macro options, a bracketed value kept with its key. */
    static List<String> tokens(String options) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int depth = 0;
        for (char c : options.toCharArray()) {
            if (c == '[') depth++;
            if (c == ']' && depth > 0) depth--;
            if (Character.isWhitespace(c) && depth == 0) {
                if (word.length() > 0) out.add(word.toString());
                word.setLength(0);
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) out.add(word.toString());
        return out;
    }

    /**
     * Sets each boolean {@code @Parameter} field of a SciJava command to true where the running macro's options
     * name it as a bare word; called before the command's work (Fiji's macro preprocessor has set the rest).
     *
     * @param options the macro options ({@code ij.Macro.getOptions()}), or null outside a macro
     */
    public static void applyBareWords(Object command, String options) {
        if (options == null) return;
        for (Class<?> c = command.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getType() == boolean.class
                        && f.isAnnotationPresent(Parameter.class)
                        && hasBareWord(options, f.getName())) {
                    try {
                        f.setAccessible(true);
                        f.setBoolean(command, true);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException("cannot set " + f, e);
                    }
                }
            }
        }
    }
}
