package io.github.braintumor.args;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one parser of this project's command lines ({@code brain-tumor}, {@code brain-tumor-spark}):
 * {@code --key value}, {@code --key=value}, {@code --flag} and positional arguments; {@code -h} is {@code --help}.
 * Unknown options are an error, so a typo is reported instead of silently ignored.
 *
 * <pre>{@code
 * CommandLine c = CommandLine.parse(List.of("in.tif", "--out", "masks", "--tta"), Set.of("out"), Set.of("tta"));
 * c.options();     // {out=masks, tta=true}
 * c.positional();  // [in.tif]
 * }</pre>
 *
 * @param options   option name (without {@code --}) to value; flags map to {@code "true"}
 * @param positional the other arguments, in order
 */
public record CommandLine(Map<String, String> options, List<String> positional) {

    /**
     * @param valued options that take a value
     * @param flags  options without a value ({@code help} is always accepted)
     * @throws IllegalArgumentException with one line naming the option that is unknown, lacks or has a value
     */
    public static CommandLine parse(List<String> args, Set<String> valued, Set<String> flags) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-h")) arg = "--help";
            if (!arg.startsWith("--") || arg.length() == 2) {
                positional.add(arg);
                continue;
            }
            String key = arg.substring(2);
            String value = null;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            }
            if (flags.contains(key) || key.equals("help")) {
                if (value != null) throw new IllegalArgumentException("option --" + key + " takes no value");
                options.put(key, "true");
            } else if (valued.contains(key)) {
                if (value == null) {
                    if (i + 1 >= args.size()) throw new IllegalArgumentException("option --" + key + " needs a value");
                    value = args.get(++i);
                }
                options.put(key, value);
            } else {
                throw new IllegalArgumentException("unknown option --" + key + " (see --help)");
            }
        }
        return new CommandLine(options, positional);
    }
}
