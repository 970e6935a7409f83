package io.github.braintumor.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Enums named in macros, the CLI and tables by their lower-case names ({@link DeviceChoice}, {@link Precision}):
 * the one place that turns them into ids and reads them back.
 *
 * <pre>{@code
 * DeviceChoice d = Choices.parse(DeviceChoice.class, "CPU", DeviceChoice.AUTO, "device");   // CPU
 * String[] menu = Choices.ids(DeviceChoice.class);                                        // auto, cpu, gpu
 * }</pre>
 */
final class Choices {
    private Choices() {}

    static String id(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> String[] ids(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Choices::id).toArray(String[]::new);
    }

    /**
     * @param text a lower-case name in any case; blank gives {@code blank}
     * @param what the setting, for the message ("device")
     * @throws IllegalArgumentException with one line naming the allowed values
     */
    static <E extends Enum<E>> E parse(Class<E> type, String text, E blank, String what) {
        if (text == null || text.isBlank()) return blank;
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (id(e).equals(wanted)) return e;
        }
        String[] ids = ids(type);
        String allowed =
                Arrays.stream(ids, 0, ids.length - 1).collect(Collectors.joining(", ")) + " or " + ids[ids.length - 1];
        throw new IllegalArgumentException(what + " must be " + allowed + ", got '" + text + "'");
    }
}
