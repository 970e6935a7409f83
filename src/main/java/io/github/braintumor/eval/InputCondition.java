package io.github.braintumor.eval;

import io.github.braintumor.conversion.ImgSlices;
import io.github.braintumor.data.ModalityPattern;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.infer.Resampling;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.imglib2.img.array.ArrayImgs;

/**
 * How evaluation alters the input before the models see it, to measure robustness on the same patients: a
 * simulated missing modality (stored as the data set stores it: the missing channel holds FLAIR), a global
 * brightness factor (a darker or brighter scanner; 8-bit values scaled, rounded and clipped at 255), or another way
 * of storing the same scan ({@link Storage}: 16-bit, as real MRI is), read back through the core's boundary as a
 * user's image is ({@link ImgSlices#toSliceImages}).
 *
 * <pre>{@code
 * List<InputCondition> c = InputCondition.parse("as-is,flair-only,no-post,no-pre", "0.4,1.6", "16bit-linear");
 * SliceImage dark = InputCondition.brightness(0.4).apply(image);
 * List<SliceImage> sixteenBit = InputCondition.of(Storage.LINEAR_16).store(volume);
 * }</pre>
 *
 * @param name       {@code as-is}, a pattern id ({@code flair-only}...), {@code brightness-0.4} or a storage id
 * @param pattern    the simulated pattern ({@link ModalityPattern#COMPLETE} = channels as given)
 * @param brightness factor on every 8-bit value (1 = unchanged)
 * @param storage    how the volume is stored before the models read it ({@link Storage#AS_GIVEN}: the data set's
 *                   own 8-bit slices)
 */
public record InputCondition(String name, ModalityPattern pattern, double brightness, Storage storage)
        implements Serializable {
    /** The input as given. */
    public static final InputCondition AS_IS = new InputCondition("as-is", ModalityPattern.COMPLETE, 1);

    /** Ways of storing the same scan. */
    public enum Storage {
        /** The data set's 8-bit slices as they are. */
        AS_GIVEN("8bit"),
        /** 16-bit, each channel a linear map of the 8-bit values (gains 11, 13, 16; offsets 500, 40, 1200). */
        LINEAR_16("16bit-linear"),
        /** 16-bit, 12-bit range, gamma 0.8: {@code round(4095 (v / 255)^0.8)} (a non-linear scanner response). */
        GAMMA_16("16bit-gamma"),
        /** 8-bit, upsampled to twice the size (bilinear; the truth masks by nearest neighbour), e.g. 512x512. */
        UPSAMPLED_2X("512"),
        /**
         * 8-bit with pixels twice as tall as wide: each pair of rows averaged (256x128; the truth masks keep every
         * other row), as a scan with thicker in-plane rows; the segmenter stretches it back to square pixels.
         */
        HALF_ROWS("half-rows");

        private static final int[] GAIN = {11, 13, 16};
        private static final int[] OFFSET = {500, 40, 1200};
        private final String id;

        Storage(String id) {
            this.id = id;
        }

        /** @return the id in {@code --storage} lists and in tables */
        public String id() {
            return id;
        }

        int value(int channel, int v) {
            return switch (this) {
                case AS_GIVEN -> v;
                case LINEAR_16 -> v * GAIN[channel] + OFFSET[channel];
                case GAMMA_16 -> (int) Math.round(4095 * Math.pow(v / 255.0, 0.8));
                case UPSAMPLED_2X, HALF_ROWS -> v;
            };
        }
    }

    /**
     * @return a truth mask stored as {@link #store} stores its slice (twice the size for {@code 512}, every other row
     *     for {@code half-rows})
     */
    public SliceMask storeMask(SliceMask mask) {
        int w = mask.width(), h = mask.height();
        if (storage == Storage.HALF_ROWS) {
            byte[] px = new byte[(h / 2) * w];
            for (int y = 0; y < h / 2; y++) System.arraycopy(mask.pixels(), 2 * y * w, px, y * w, w);
            return new SliceMask(w, h / 2, px);
        }
        if (storage != Storage.UPSAMPLED_2X) return mask;
        byte[] px = new byte[4 * w * h];
        for (int y = 0; y < 2 * h; y++) {
            for (int x = 0; x < 2 * w; x++) px[y * 2 * w + x] = mask.pixels()[(y / 2) * w + x / 2];
        }
        return new SliceMask(2 * w, 2 * h, px);
    }

    public InputCondition {
        if (!(brightness > 0) || Double.isInfinite(brightness)) {
            throw new IllegalArgumentException("brightness factor must be > 0, got " + brightness);
        }
        if (storage == null) storage = Storage.AS_GIVEN;
    }

    /** A condition of the data set's own storage. */
    public InputCondition(String name, ModalityPattern pattern, double brightness) {
        this(name, pattern, brightness, Storage.AS_GIVEN);
    }

    /** @return the same scan stored another way ({@code as-is} for {@link Storage#AS_GIVEN}) */
    public static InputCondition of(Storage storage) {
        return storage == Storage.AS_GIVEN
                ? AS_IS
                : new InputCondition(storage.id(), ModalityPattern.COMPLETE, 1, storage);
    }

    /**
     * @param volume one patient's slices as {@link #apply} left them (8-bit, 3 channels)
     * @return the volume as this condition stores it, read back as a user's image enters the core ({@link
     *     ImgSlices#toSliceImages}: an (X, Y, C, Z) image of that type); the volume itself for the data set's storage
     */
    public List<SliceImage> store(List<SliceImage> volume) {
        if (storage == Storage.AS_GIVEN || volume.isEmpty()) return volume;
        if (storage == Storage.UPSAMPLED_2X) {
            List<SliceImage> out = new ArrayList<>(volume.size());
            for (SliceImage s : volume) {
                float[] chw = new float[s.pixels().length];
                for (int i = 0; i < chw.length; i++) chw[i] = s.pixels()[i] & 0xFF;
                float[] big =
                        Resampling.bilinear(chw, s.channels(), s.height(), s.width(), 2 * s.height(), 2 * s.width());
                byte[] px = new byte[big.length];
                for (int i = 0; i < px.length; i++) px[i] = (byte) Math.max(0, Math.min(255, Math.round(big[i])));
                out.add(new SliceImage(2 * s.width(), 2 * s.height(), s.channels(), px, s.replicated()));
            }
            return out;
        }
        if (storage == Storage.HALF_ROWS) {
            List<SliceImage> out = new ArrayList<>(volume.size());
            for (SliceImage s : volume) {
                int w = s.width(), h = s.height() / 2;
                byte[] px = new byte[s.channels() * h * w];
                for (int c = 0; c < s.channels(); c++) {
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            int a = s.unsigned(c, 2 * y, x), b = s.unsigned(c, 2 * y + 1, x);
                            px[(c * h + y) * w + x] = (byte) ((a + b + 1) / 2);
                        }
                    }
                }
                out.add(new SliceImage(w, h, s.channels(), px, s.replicated()));
            }
            return out;
        }
        SliceImage first = volume.get(0);
        int w = first.width(), h = first.height(), plane = w * h;
        short[] data = new short[volume.size() * 3 * plane];
        for (int z = 0; z < volume.size(); z++) {
            SliceImage s = volume.get(z);
            if (s.width() != w || s.height() != h || s.channels() != 3) {
                throw new IllegalArgumentException("storage conditions need 3-channel slices of one size");
            }
            byte[] px = s.pixels();
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < plane; i++) {
                    data[(z * 3 + c) * plane + i] = (short) storage.value(c, px[c * plane + i] & 0xFF);
                }
            }
        }
        return ImgSlices.toSliceImages(ArrayImgs.unsignedShorts(data, w, h, 3, volume.size()));
    }

    /** @return a missing-modality condition ({@code as-is} for COMPLETE) */
    public static InputCondition of(ModalityPattern pattern) {
        return pattern == ModalityPattern.COMPLETE ? AS_IS : new InputCondition(pattern.id(), pattern, 1);
    }

    /** @return the input with every value multiplied by {@code factor} */
    public static InputCondition brightness(double factor) {
        return new InputCondition(
                String.format(Locale.ROOT, "brightness-%s", trim(factor)), ModalityPattern.COMPLETE, factor);
    }

    /** @return true for the input as given */
    public boolean asIs() {
        return pattern == ModalityPattern.COMPLETE && brightness == 1 && storage == Storage.AS_GIVEN;
    }

    /** @return one slice with the missing modality and brightness of this condition (storage: {@link #store}) */
    public SliceImage apply(SliceImage image) {
        if (pattern == ModalityPattern.COMPLETE && brightness == 1) {
            return image;
        }
        SliceImage s = image.channels() == 3 ? pattern.simulate(image) : image;
        if (brightness == 1) {
            return s;
        }
        byte[] px = s.pixels().clone();
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) Math.min(255, Math.round((px[i] & 0xFF) * brightness));
        }
        return new SliceImage(s.width(), s.height(), s.channels(), px, s.replicated());
    }

    /**
     * @param modalities comma-separated: {@code as-is}, {@code flair-only}, {@code no-post}, {@code no-pre}; blank =
     *                   none
     * @param brightness comma-separated factors, e.g. {@code 0.4,1.6}; blank = none
     * @throws IllegalArgumentException naming an unknown value and the known ones
     */
    public static List<InputCondition> parse(String modalities, String brightness) {
        return parse(modalities, brightness, "");
    }

    /**
     * {@link #parse(String, String)} and storage conditions.
     *
     * @param storage comma-separated: {@code 8bit} (as given), {@code 16bit-linear}, {@code 16bit-gamma}, {@code 512},
     *     {@code half-rows}; blank = none
     */
    public static List<InputCondition> parse(String modalities, String brightness, String storage) {
        List<InputCondition> out = new ArrayList<>();
        for (String m : split(modalities)) {
            InputCondition c;
            if (m.equals("as-is") || m.equals("complete")) {
                c = AS_IS;
            } else {
                ModalityPattern p;
                try {
                    p = ModalityPattern.fromId(m);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "modalities: unknown condition '" + m + "'; use as-is," + " flair-only, no-post, no-pre");
                }
                if (p == ModalityPattern.SINGLE_CHANNEL) {
                    p = ModalityPattern.FLAIR_ONLY; // the same bytes once stored
                }
                c = of(p);
            }
            if (!out.contains(c)) out.add(c);
        }
        for (String b : split(brightness)) {
            double f;
            try {
                f = Double.parseDouble(b);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "brightness: '" + b + "' is not a number; give factors like 0.4,1.6");
            }
            if (!(f > 0 && f <= 10)) {
                throw new IllegalArgumentException("brightness: factor " + b + " must be in (0, 10]");
            }
            InputCondition c = f == 1 ? AS_IS : brightness(f);
            if (!out.contains(c)) out.add(c);
        }
        for (String st : split(storage)) {
            Storage found = null;
            for (Storage k : Storage.values()) if (k.id().equals(st)) found = k;
            if (found == null) {
                throw new IllegalArgumentException(
                        "storage: unknown condition '" + st + "'; use 8bit, 16bit-linear, 16bit-gamma, 512, half-rows");
            }
            InputCondition c = of(found);
            if (!out.contains(c)) out.add(c);
        }
        return out;
    }

    private static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        if (list == null) return out;
        for (String s : list.split("[,\\s]+")) {
            if (!s.isBlank()) out.add(s.trim().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
