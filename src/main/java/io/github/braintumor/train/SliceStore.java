package io.github.braintumor.train;

import io.github.braintumor.data.LggDataException;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.data.SliceRecord;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slices read lazily from TIFF and kept as decoded bytes in a least-recently-used cache bounded in bytes. The
 * whole LGG training set is about 0.5 GB as bytes, so with the default bound every slice is decoded once.
 * Not thread-safe (the training loop is single-threaded).
 */
final class SliceStore {
    /** A decoded image and its mask (empty when the record has no mask file). */
    record Slice(SliceImage image, SliceMask mask) {
        long bytes() {
            return image.pixels().length + (long) mask.pixels().length;
        }
    }

    private final long maxBytes;
    private long bytes;
    private final LinkedHashMap<Path, Slice> cache = new LinkedHashMap<>(256, 0.75f, true);

    SliceStore(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    Slice get(SliceRecord r) throws LggDataException {
        Slice s = cache.get(r.image());
        if (s != null) {
            return s;
        }
        SliceImage image = LggTiff.readImage(r.image(), LggTiff.ANY_SIZE);
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
