package io.github.braintumor.train;

import io.github.braintumor.conversion.SliceFiles;
import io.github.braintumor.data.LggDataException;
import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.data.SliceRecord;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Slices read lazily from TIFF and kept as decoded bytes in a least-recently-used cache bounded in bytes. The
 * whole LGG training set is about 0.5 GB as bytes, so with the default bound every slice is decoded once.
 * A 16- or 32-bit slice is read with its whole volume ({@link SliceFiles}: one scale per channel over the volume, as
 * inference reads it), and the volume's slices are cached together. Not thread-safe (the training loop is
 * single-threaded).
 */
final class SliceStore {
    /** A decoded image and its mask (empty when the record has no mask file). */
    record Slice(SliceImage image, SliceMask mask) {
        long bytes() {
            return image.pixels().length + (long) mask.pixels().length;
        }
    }

    private final long maxBytes;
    private final Function<SliceRecord, List<SliceRecord>> volumeOf;
    private long bytes;
    private final LinkedHashMap<Path, Slice> cache = new LinkedHashMap<>(256, 0.75f, true);

    /** A store over {@code data}: a slice's volume is its patient's slices. */
    static SliceStore of(long maxBytes, LggDataset data) {
        return new SliceStore(maxBytes, r -> data.patient(r.patientId()).slices());
    }

    /** @param volumeOf the slices of the volume (patient) a slice belongs to, in order */
    SliceStore(long maxBytes, Function<SliceRecord, List<SliceRecord>> volumeOf) {
        this.maxBytes = maxBytes;
        this.volumeOf = volumeOf;
    }

    Slice get(SliceRecord r) throws LggDataException {
        Slice s = cache.get(r.image());
        if (s != null) {
            return s;
        }
        if (!LggTiff.is8Bit(r.image())) return getScaled(r);
        return put(r, LggTiff.readImage(r.image(), LggTiff.ANY_SIZE));
    }

    /** Reads the 16/32-bit slice's whole volume, caches every slice of it, returns the one asked for. */
    private Slice getScaled(SliceRecord r) throws LggDataException {
        List<SliceRecord> volume = volumeOf.apply(r);
        List<SliceImage> images =
                SliceFiles.read(volume.stream().map(SliceRecord::image).toList());
        Slice asked = null;
        for (int i = 0; i < volume.size(); i++) {
            Slice s = put(volume.get(i), images.get(i));
            if (volume.get(i).image().equals(r.image())) asked = s;
        }
        if (asked == null) throw new LggDataException(r.image(), "is not among the slices of its own volume");
        return asked;
    }

    private Slice put(SliceRecord r, SliceImage image) throws LggDataException {
        Slice s;
        SliceMask mask = r.mask() == null
                ? SliceMask.empty(image.width(), image.height())
                : LggTiff.readMask(r.mask(), LggTiff.ANY_SIZE);
        if (mask.width() != image.width() || mask.height() != image.height()) {
            throw new LggDataException(
                    r.mask(),
                    "mask is " + mask.width() + "x" + mask.height() + " but image "
                            + r.image().getFileName() + " is " + image.width() + "x" + image.height());
        }
        s = new Slice(image, mask);
        if (s.bytes() <= maxBytes) {
            cache.put(r.image(), s);
            bytes += s.bytes();
            var it = cache.entrySet().iterator();
            while (bytes > maxBytes && it.hasNext()) {
                Map.Entry<Path, Slice> eldest = it.next();
                bytes -= eldest.getValue().bytes();
                it.remove();
            }
        }
        return s;
    }

    long cachedBytes() {
        return bytes;
    }
}
