package io.github.braintumor.imageplus;

import ij.ImagePlus;
import ij.ImageStack;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;
import net.imglib2.view.Views;

/**
 * The ImagePlus &lt;-&gt; ImgLib2 bridge (imglib2-ij is not on Maven Central, so this is our own).
 *
 * <p><b>Types.</b> 8-bit -&gt; {@link UnsignedByteType}, 16-bit -&gt; {@link UnsignedShortType},
 * 32-bit -&gt; {@link FloatType}, RGB -&gt; {@link ARGBType}.
 *
 * <p><b>Axis order.</b> {@link #wrap} gives X, Y, then C, Z, T, each only when larger than 1, in that
 * order (see {@link #axisOrder}). This is ImageJ's stack order (channel fastest, then slice, then frame),
 * so plane {@code i} of the {@link PlanarImg} is stack slice {@code i + 1}.
 *
 * <p><b>Sharing.</b> {@link #wrap} is zero-copy: the PlanarImg's planes are the stack's pixel arrays, so
 * writes go both ways. A virtual stack is read into fresh arrays (a copy: later changes are not shared).
 * {@link #toImagePlus} is zero-copy for a PlanarImg whose planes are arrays of the matching type,
 * otherwise it copies.
 *
 * <pre>{@code
 * ImagePlus imp = IJ.createImage("t", "8-bit ramp", 64, 64, 5);
 * PlanarImg<UnsignedByteType, ?> img = ImagePlusImgs.wrap(imp);   // dims 64, 64, 5 (X, Y, Z)
 * ImagePlus back = ImagePlusImgs.toImagePlus(img, "same pixels");
 * }</pre>
 */
public final class ImagePlusImgs {
    private ImagePlusImgs() {}

    /**
     * Wraps an ImagePlus as a PlanarImg over its stack's pixel arrays (zero-copy unless the stack is
     * virtual). The element type follows the bit depth (class comment); the caller picks {@code T}.
     *
     * @throws IllegalArgumentException for an unsupported bit depth or a stack whose size does not match
     *     its C x Z x T dimensions
     */
    @SuppressWarnings("unchecked")
    public static <T extends NativeType<T>> PlanarImg<T, ?> wrap(ImagePlus imp) {
        Objects.requireNonNull(imp, "imp");
        ImageStack stack = imp.getStack();
        long[] dims = dimensions(imp);
        int planes = PlanarImg.numberOfSlices(dims);
        if (stack.getSize() != planes) {
            throw new IllegalArgumentException("Image '" + imp.getTitle() + "' has " + stack.getSize()
                    + " stack slices but C x Z x T = " + planes + "; fix its dimensions (Image > Properties).");
        }
        boolean copy = stack.isVirtual();
        List<Object> arrays = new ArrayList<>(planes);
        for (int i = 1; i <= planes; i++) {
            Object pixels = stack.getPixels(i);
            arrays.add(copy ? cloneArray(pixels) : pixels);
        }
        PlanarImg<?, ?> img = switch (imp.getBitDepth()) {
            case 8 ->
                ImagePlusImgs.<UnsignedByteType, ByteArray>planar(
                        arrays, dims, a -> new ByteArray((byte[]) a), UnsignedByteType::new);
            case 16 ->
                ImagePlusImgs.<UnsignedShortType, ShortArray>planar(
                        arrays, dims, a -> new ShortArray((short[]) a), UnsignedShortType::new);
            case 32 ->
                ImagePlusImgs.<FloatType, FloatArray>planar(
                        arrays, dims, a -> new FloatArray((float[]) a), FloatType::new);
            case 24 ->
                ImagePlusImgs.<ARGBType, IntArray>planar(arrays, dims, a -> new IntArray((int[]) a), ARGBType::new);
            default -> throw unsupportedDepth(imp);
        };
        return (PlanarImg<T, ?>) img;
    }

    /**
     * The image as the core reads MRI: one {@code (X, Y, C, Z)} volume per frame, C the modality axis (an RGB image's
     * three colours become C, as a copy; otherwise the views share the stack's arrays), absent axes of length 1.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static List<RandomAccessibleInterval<? extends RealType<?>>> modalityFrames(ImagePlus imp) {
        RandomAccessibleInterval img = wrap(imp);
        String axes = axisOrder(imp);
        if (imp.getBitDepth() == 24) {
            img = rgbToChannels((RandomAccessibleInterval<ARGBType>) img);
            axes = "XYC" + axes.substring(2);
        }
        String order = "XYCZT";
        for (char axis : "CZT".toCharArray()) {
            if (axes.indexOf(axis) >= 0) continue;
            int position = 0;
            while (position < axes.length() && order.indexOf(axes.charAt(position)) < order.indexOf(axis)) position++;
            img = Views.moveAxis(Views.addDimension(img, 0, 0), img.numDimensions(), position);
            axes = axes.substring(0, position) + axis + axes.substring(position);
        }
        List<RandomAccessibleInterval<? extends RealType<?>>> frames = new ArrayList<>();
        for (long t = 0; t < img.dimension(4); t++) frames.add(Views.hyperSlice(img, 4, t));
        return frames;
    }

    /** @return the axes {@link #wrap} gives this image, e.g. {@code "XY"}, {@code "XYZ"}, {@code "XYCZT"}. */
    public static String axisOrder(ImagePlus imp) {
        StringBuilder axes = new StringBuilder("XY");
        if (imp.getNChannels() > 1) {
            axes.append('C');
        }
        if (imp.getNSlices() > 1) {
            axes.append('Z');
        }
        if (imp.getNFrames() > 1) {
            axes.append('T');
        }
        return axes.toString();
    }

    /**
     * The reverse of {@link #wrap} for a 2-D image or a 3-D one whose third dimension becomes the stack
     * slices (Z). Use {@link #toImagePlus(RandomAccessibleInterval, String, String)} for more dimensions.
     */
    public static <T extends NativeType<T>> ImagePlus toImagePlus(RandomAccessibleInterval<T> img, String title) {
        return switch (img.numDimensions()) {
            case 2 -> toImagePlus(img, title, "XY");
            case 3 -> toImagePlus(img, title, "XYZ");
            default ->
                throw new IllegalArgumentException("Image '" + title + "' has " + img.numDimensions()
                        + " dimensions: name its axes with toImagePlus(img, title, \"XYCZT\"-like axes).");
        };
    }

    /**
     * Makes an ImagePlus (hyperstack when more than one of C, Z, T is larger than 1).
     *
     * @param axes one letter per dimension: X and Y first, then any of C, Z, T once each, in any order
     *     (reordered to ImageJ's C, Z, T order; a reorder means a copy)
     * @throws IllegalArgumentException for an unsupported type (UnsignedByte, UnsignedShort, Float, ARGB;
     *     any other RealType is copied to 32-bit float), bad axes, or planes too large for ImageJ
     */
    public static <T extends NativeType<T>> ImagePlus toImagePlus(
            RandomAccessibleInterval<T> img, String title, String axes) {
        Objects.requireNonNull(img, "img");
        int[] order = canonicalOrder(axes, img.numDimensions());
        RandomAccessibleInterval<T> ordered = img;
        boolean reordered = false;
        for (int d = 0; d < order.length; d++) {
            if (order[d] != d) {
                reordered = true;
                break;
            }
        }
        if (reordered) {
            // Swap each wanted axis into place; `current` tracks which input axis sits where.
            int[] current = new int[order.length];
            for (int d = 0; d < current.length; d++) {
                current[d] = d;
            }
            for (int target = 0; target < order.length; target++) {
                int from = indexOf(current, order[target]);
                if (from != target) {
                    ordered = Views.permute(ordered, from, target);
                    int tmp = current[from];
                    current[from] = current[target];
                    current[target] = tmp;
                }
            }
        }
        long w = ordered.dimension(0);
        long h = ordered.dimension(1);
        long planeSize = w * h;
        long planes = 1;
        for (int d = 2; d < ordered.numDimensions(); d++) {
            planes *= ordered.dimension(d);
        }
        if (planeSize > Integer.MAX_VALUE || planes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Image '" + title + "' is too large for ImageJ: planes of " + w + "x" + h
                    + ", " + planes + " planes.");
        }
        List<Object> arrays = reordered ? null : sharedPlanes(ordered, (int) planeSize);
        if (arrays == null) {
            arrays = copyPlanes(ordered, (int) planeSize, (int) planes, title);
        }
        ImageStack stack = new ImageStack((int) w, (int) h);
        for (Object a : arrays) {
            stack.addSlice(null, a);
        }
        ImagePlus imp = new ImagePlus(title, stack);
        int[] czt = {1, 1, 1};
        String sorted = sortedAxes(axes);
        for (int d = 2; d < sorted.length(); d++) {
            czt["CZT".indexOf(sorted.charAt(d))] = (int) ordered.dimension(d);
        }
        imp.setDimensions(czt[0], czt[1], czt[2]);
        int nonTrivial = (czt[0] > 1 ? 1 : 0) + (czt[1] > 1 ? 1 : 0) + (czt[2] > 1 ? 1 : 0);
        if (nonTrivial > 1 || czt[0] > 1 || czt[2] > 1) {
            imp.setOpenAsHyperStack(true);
        }
        return imp;
    }

    /**
     * Splits RGB into three unsigned-byte channels R, G, B (for the LGG slices: pre-contrast, FLAIR,
     * post-contrast), always as a copy.
     *
     * @param rgb dims X, Y[, more...]
     * @return dims X, Y, C=3[, more...] (the channel axis inserted third)
     */
    public static PlanarImg<UnsignedByteType, ByteArray> rgbToChannels(RandomAccessibleInterval<ARGBType> rgb) {
        int n = rgb.numDimensions();
        if (n < 2) {
            throw new IllegalArgumentException("rgbToChannels needs at least X and Y, got " + n + " dimension(s)");
        }
        long[] outDims = new long[n + 1];
        outDims[0] = rgb.dimension(0);
        outDims[1] = rgb.dimension(1);
        outDims[2] = 3;
        for (int d = 2; d < n; d++) {
            outDims[d + 1] = rgb.dimension(d);
        }
        PlanarImg<UnsignedByteType, ByteArray> out = PlanarImgs.unsignedBytes(outDims);
        int planeSize = PlanarImg.elementsPerSlice(outDims);
        Cursor<ARGBType> c = Views.flatIterable(rgb).cursor();
        long k = 0;
        byte[] r = null;
        byte[] g = null;
        byte[] b = null;
        while (c.hasNext()) {
            int i = (int) (k % planeSize);
            if (i == 0) {
                int p = (int) (k / planeSize);
                r = out.getPlane(3 * p).getCurrentStorageArray();
                g = out.getPlane(3 * p + 1).getCurrentStorageArray();
                b = out.getPlane(3 * p + 2).getCurrentStorageArray();
            }
            int v = c.next().get();
            r[i] = (byte) (v >> 16);
            g[i] = (byte) (v >> 8);
            b[i] = (byte) v;
            k++;
        }
        return out;
    }

    // --- internals ---

    private static long[] dimensions(ImagePlus imp) {
        List<Long> dims = new ArrayList<>(List.of((long) imp.getWidth(), (long) imp.getHeight()));
        for (int n : new int[] {imp.getNChannels(), imp.getNSlices(), imp.getNFrames()}) {
            if (n > 1) {
                dims.add((long) n);
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static <T extends NativeType<T>, A extends ArrayDataAccess<A>> PlanarImg<T, A> planar(
            List<Object> arrays, long[] dims, Function<Object, A> access, Function<PlanarImg<T, A>, T> linkedType) {
        List<A> planes = new ArrayList<>(arrays.size());
        for (Object a : arrays) {
            planes.add(access.apply(a));
        }
        PlanarImg<T, A> img = new PlanarImg<>(planes, dims, new Fraction());
        img.setLinkedType(linkedType.apply(img));
        return img;
    }

    private static IllegalArgumentException unsupportedDepth(ImagePlus imp) {
        return new IllegalArgumentException("Image '" + imp.getTitle() + "' has bit depth " + imp.getBitDepth()
                + "; supported: 8, 16, 32-bit and RGB.");
    }

    static Object cloneArray(Object pixels) {
        if (pixels instanceof byte[] a) {
            return a.clone();
        }
        if (pixels instanceof short[] a) {
            return a.clone();
        }
        if (pixels instanceof float[] a) {
            return a.clone();
        }
        if (pixels instanceof int[] a) {
            return a.clone();
        }
        throw new IllegalArgumentException("Unsupported pixel array " + (pixels == null ? "null" : pixels.getClass()));
    }

    /** @return the ImageJ pixel array class for this ImgLib2 type, or float[] for other RealTypes. */
    private static Class<?> arrayClassFor(Object type, String title) {
        if (type instanceof UnsignedByteType) {
            return byte[].class;
        }
        if (type instanceof UnsignedShortType) {
            return short[].class;
        }
        if (type instanceof ARGBType) {
            return int[].class;
        }
        if (type instanceof RealType<?>) {
            return float[].class; // FloatType exactly; any other RealType converted to float
        }
        throw new IllegalArgumentException(
                "Image '" + title + "' has type " + type.getClass().getSimpleName()
                        + "; supported: UnsignedByteType, UnsignedShortType, FloatType, ARGBType or another RealType.");
    }

    /** The planes themselves when img is a PlanarImg of ImageJ-compatible arrays; else null. */
    private static List<Object> sharedPlanes(RandomAccessibleInterval<?> img, int planeSize) {
        if (!(img instanceof PlanarImg<?, ?> planar)) {
            return null;
        }
        Object type = planar.getType();
        Class<?> wanted = exactArrayClassFor(type);
        if (wanted == null) {
            return null;
        }
        List<Object> arrays = new ArrayList<>(planar.numSlices());
        for (int i = 0; i < planar.numSlices(); i++) {
            Object a = ((ArrayDataAccess<?>) planar.getPlane(i)).getCurrentStorageArray();
            if (a == null || a.getClass() != wanted || Array.getLength(a) != planeSize) {
                return null;
            }
            arrays.add(a);
        }
        return arrays;
    }

    private static Class<?> exactArrayClassFor(Object type) {
        if (type.getClass() == UnsignedByteType.class) {
            return byte[].class;
        }
        if (type.getClass() == UnsignedShortType.class) {
            return short[].class;
        }
        if (type.getClass() == FloatType.class) {
            return float[].class;
        }
        if (type.getClass() == ARGBType.class) {
            return int[].class;
        }
        return null;
    }

    private static <T> List<Object> copyPlanes(
            RandomAccessibleInterval<T> img, int planeSize, int planes, String title) {
        Class<?> arrayClass = arrayClassFor(img.getType(), title);
        List<Object> arrays = new ArrayList<>(planes);
        for (int p = 0; p < planes; p++) {
            arrays.add(Array.newInstance(arrayClass.getComponentType(), planeSize));
        }
        // Flat iteration is X fastest, then Y, then the higher dimensions: plane after plane.
        Cursor<T> c = Views.flatIterable(img).cursor();
        long k = 0;
        while (c.hasNext()) {
            T t = c.next();
            Object plane = arrays.get((int) (k / planeSize));
            int i = (int) (k % planeSize);
            if (plane instanceof byte[] a) {
                a[i] = (byte) ((UnsignedByteType) t).get();
            } else if (plane instanceof short[] a) {
                a[i] = (short) ((UnsignedShortType) t).get();
            } else if (plane instanceof int[] a) {
                a[i] = ((ARGBType) t).get();
            } else {
                ((float[]) plane)[i] = ((RealType<?>) t).getRealFloat();
            }
            k++;
        }
        return arrays;
    }

    /** For each output dimension (X, Y, then C, Z, T order), which input dimension goes there. */
    private static int[] canonicalOrder(String axes, int numDimensions) {
        Objects.requireNonNull(axes, "axes");
        String a = axes.toUpperCase(Locale.ROOT);
        boolean valid = a.length() == numDimensions && a.length() >= 2 && a.startsWith("XY");
        for (int i = 2; valid && i < a.length(); i++) {
            char ch = a.charAt(i);
            valid = "CZT".indexOf(ch) >= 0 && a.indexOf(ch) == i;
        }
        if (!valid) {
            throw new IllegalArgumentException("Axes '" + axes + "' do not fit an image of " + numDimensions
                    + " dimensions: give one letter per dimension, X and Y first, then any of C, Z, T once each.");
        }
        String sorted = sortedAxes(a);
        int[] order = new int[a.length()];
        for (int d = 0; d < order.length; d++) {
            order[d] = a.indexOf(sorted.charAt(d));
        }
        return order;
    }

    private static String sortedAxes(String axes) {
        String a = axes.toUpperCase(Locale.ROOT);
        StringBuilder s = new StringBuilder("XY");
        for (char ch : "CZT".toCharArray()) {
            if (a.indexOf(ch) >= 0) {
                s.append(ch);
            }
        }
        return s.toString();
    }

    private static int indexOf(int[] values, int v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == v) {
                return i;
            }
        }
        throw new IllegalStateException("axis " + v + " missing");
    }
}
