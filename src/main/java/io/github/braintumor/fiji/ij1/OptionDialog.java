package io.github.braintumor.fiji.ij1;

import ij.Macro;
import ij.gui.GenericDialog;
import io.github.braintumor.args.Option;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.args.OptionValues;
import io.github.braintumor.fiji.MacroOptions;
import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An ImageJ 1 dialog made from a command's {@link OptionTable}: one field per Fiji option in the table's order, each
 * labelled so that ImageJ's macro key is the option's key, read back by key instead of by position. Check boxes take
 * {@code key}, {@code key=true} and {@code key=false} in macros, and one that is on by default stays on unless a
 * macro says {@code key=false}.
 *
 * <pre>{@code
 * OptionDialog d = new OptionDialog("Segment Tumor (UNet)", InferenceCommandOptions.SEGMENT);
 * if (!d.show()) return;                       // canceled
 * OptionValues v = d.values();                 // IllegalArgumentException for a value out of range
 * }</pre>
 */
final class OptionDialog {
    private final GenericDialog dialog;
    private final OptionTable table;
    private final List<Option<?>> fields;
    private Function<String, Object> initial = key -> null;

    OptionDialog(String title, OptionTable table) {
        this.table = table;
        this.fields = table.offeredIn(Option.Front.FIJI);
        acceptCheckboxWords(); // before the dialog is made: it takes the macro's options then
        this.dialog = new GenericDialog(title);
    }

    /** The dialog, for fields of the plugin's own that come before the table's (the images of Compute IoU). */
    GenericDialog dialog() {
        return dialog;
    }

    /** @return this dialog starting from these values where they give one (saved options), else the defaults */
    OptionDialog startingFrom(Function<String, Object> values) {
        this.initial = values;
        return this;
    }

    /** Adds the table's fields, shows the dialog (or reads the macro) and says whether it was accepted. */
    boolean show() {
        for (Option<?> o : fields) add(o);
        dialog.showDialog();
        return !dialog.wasCanceled();
    }

    /**
     * Rewrites the running macro's check boxes to ImageJ 1's bare words ({@code key=true} -> {@code key}) and adds
     * those that are on by default and not mentioned.
     */
    private void acceptCheckboxWords() {
        String options = Macro.getOptions();
        if (options == null) return;
        List<String> checkboxes = new ArrayList<>();
        for (Option<?> o : fields) {
            if (o.kind() != Option.Kind.BOOLEAN) continue;
            checkboxes.add(o.key());
            if ((Boolean) o.defaultValue()) options = MacroOptions.checkedUnlessSaid(options, o.key());
        }
        Macro.setOptions(MacroOptions.bareBooleans(options, checkboxes.toArray(String[]::new)));
    }

    private void add(Option<?> o) {
        Object start = initial.apply(o.key());
        Object value = start != null ? start : o.defaultValue();
        String label = o.dialogLabel();
        switch (o.kind()) {
            case INTEGER, LONG -> dialog.addNumericField(label, ((Number) value).doubleValue(), 0);
            case NUMBER -> dialog.addNumericField(label, (Double) value, digits((Double) value));
            case BOOLEAN -> dialog.addCheckbox(label, (Boolean) value);
            case CHOICE -> dialog.addChoice(label, o.choices().toArray(String[]::new), (String) value);
            // a browse button where there is a screen; headless Fiji's dialog reads only plain string fields
            case FOLDER -> {
                if (GraphicsEnvironment.isHeadless()) dialog.addStringField(label, (String) value, 40);
                else dialog.addDirectoryField(label, (String) value, 40);
            }
            case FILE -> {
                if (GraphicsEnvironment.isHeadless()) dialog.addStringField(label, (String) value, 40);
                else dialog.addFileField(label, (String) value, 40);
            }
            case TEXT -> dialog.addStringField(label, (String) value, 40);
        }
    }

    /** Enough decimals to show the value (a learning rate of 0.001 is not 0.00). */
    private static int digits(double value) {
        for (int d = 2; d < 8; d++) {
            double scaled = value * Math.pow(10, d);
            if (Math.abs(scaled - Math.rint(scaled)) < 1e-6) return d;
        }
        return 8;
    }

    private static long whole(Option<?> o, double number) {
        if (!(number == Math.rint(number)) || Math.abs(number) > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException(o.key() + " must be a whole number, got " + number);
        }
        return (long) number;
    }

    /**
     * @return the values read back, checked against the table
     * @throws IllegalArgumentException naming an option whose value is out of range or not a number
     */
    OptionValues values() {
        Map<String, Object> read = new HashMap<>();
        for (Option<?> o : fields) {
            Object value = switch (o.kind()) {
                case INTEGER -> (int) whole(o, dialog.getNextNumber());
                case LONG -> whole(o, dialog.getNextNumber());
                case NUMBER -> dialog.getNextNumber();
                case BOOLEAN -> dialog.getNextBoolean();
                case CHOICE -> dialog.getNextChoice();
                case FOLDER, FILE, TEXT -> dialog.getNextString().trim();
            };
            read.put(o.key(), value);
        }
        return table.fromValues(read::get);
    }
}
