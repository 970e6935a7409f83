package io.github.braintumor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The plugin's version, as built. */
public final class Version {
    private Version() {}

    /**
     * @return the implementation version from the jar manifest, else the one Maven wrote into the classes
     *     ({@code version.txt}), else "dev" (classes built by something other than Maven)
     */
    public static String get() {
        String v = Version.class.getPackage().getImplementationVersion();
        if (v != null) return v;
        try (InputStream in = Version.class.getResourceAsStream("version.txt")) {
            String built = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return built.isEmpty() || built.startsWith("$") ? "dev" : built;
        } catch (IOException e) {
            return "dev";
        }
    }

    /**
     * The version in the form Python's packaging (PEP 440) accepts, as bioimage.io descriptions need it: Maven's
     * {@code 0.1.0-SNAPSHOT} is the development release {@code 0.1.0.dev0}; "dev" is {@code 0.0.0.dev0}.
     */
    public static String pep440(String version) {
        String v = version.trim();
        if (v.equals("dev") || v.isEmpty()) return "0.0.0.dev0";
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.endsWith("-snapshot")) return v.substring(0, v.length() - "-snapshot".length()) + ".dev0";
        if (v.matches("\\d+(\\.\\d+)*")) return v;
        // anything else (a qualifier PEP 440 does not know): the numeric release it starts with, as a development one
        Matcher m = Pattern.compile("^\\d+(\\.\\d+)*").matcher(v);
        return (m.find() ? m.group() : "0.0.0") + ".dev0";
    }
}
