package io.github.braintumor;

/** The plugin's version, as packaged. */
public final class Version {
    private Version() {}

    /** @return the implementation version from the jar manifest, or "dev" when run from classes. */
    public static String get() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
