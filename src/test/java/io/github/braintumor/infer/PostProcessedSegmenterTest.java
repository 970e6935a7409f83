package io.github.braintumor.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.model.PostProcessingSettings;
import io.github.braintumor.progress.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The bundle's post-processing on probabilities we control (a stub segmenter, no network). */
class PostProcessedSegmenterTest {
    private static final int W = 6, H = 4;

    /** Returns fixed probability maps (the same for every call) thresholded at 0.5, and counts its calls. */
    static final class StubSegmenter implements Segmenter {
        final List<float[]> maps;
        int calls;
        boolean closed;

        StubSegmenter(List<float[]> maps) {
            this.maps = maps;
        }

        @Override
        public SegmentationResult segment(List<SliceImage> slices, ProgressListener p, BooleanSupplier cancel) {
            calls++;
            List<SliceMask> masks = new ArrayList<>();
            for (float[] m : maps) masks.add(PostProcessing.threshold(m, W, H, 0.5f));
            return new SegmentationResult(maps, masks, 0.5f);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static List<SliceImage> slices(int n) {
        List<SliceImage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new SliceImage(W, H, 3, new byte[3 * W * H]));
        return out;
    }

    /** Slice 0: a 2x2 blob top-left (4 px) and a single pixel bottom-right; slice 1: the blob continues. */
    private static List<float[]> twoBlobs() {
        float[] a = new float[W * H], b = new float[W * H];
        for (int i : new int[] {0, 1, W, W + 1}) {
            a[i] = 0.9f;
            b[i] = 0.8f;
        }
        a[W * H - 1] = 0.7f; // the small, separate blob
        return List.of(a, b);
    }

    @Test
    void largestComponentRemovesTheSecondSmallerBlob() {
        StubSegmenter stub = new StubSegmenter(twoBlobs());
        try (Segmenter s = new PostProcessedSegmenter(stub, new PostProcessingSettings(false, true, 0))) {
            SegmentationResult r = s.segment(slices(2), ProgressListener.silent(), () -> false);
            assertEquals(
                    5, PostProcessing.threshold(stub.maps.get(0), W, H, 0.5f).area(), "two blobs before");
            assertEquals(4, r.masks().get(0).area());
            assertEquals(0, r.masks().get(0).pixels()[W * H - 1]);
            assertEquals(4, r.masks().get(1).area());
            assertSame(stub.maps, r.probabilities(), "probabilities are not changed without tta");
            assertEquals(1, stub.calls);
        }
        assertEquals(true, stub.closed);
    }

    @Test
    void minimumAreaComesBeforeTheLargestComponent() {
        // slice 0: 3 px blob; slice 1: 1 px touching it from above; a 2-px blob elsewhere on slice 0
        byte[][] masks = new byte[2][W * H];
        masks[0][0] = masks[0][1] = masks[0][2] = 1;
        masks[0][W * H - 1] = masks[0][W * H - 2] = 1;
        masks[1][0] = 1;
        // min area 2 empties slice 1; then the 3-px blob is the largest
        byte[][] out = PostProcessing.clean(masks, W, H, new PostProcessingSettings(false, true, 2));
        assertEquals(3, sum(out[0]));
        assertEquals(0, sum(out[1]));
        assertSame(masks, PostProcessing.clean(masks, W, H, PostProcessingSettings.OFF));
    }

    @Test
    void ttaAveragesWithTheMirroredPassThenThresholds() {
        float[] left = new float[W * H];
        for (int y = 0; y < H; y++) left[y * W] = 0.8f; // "tumour" on the left column only
        StubSegmenter stub = new StubSegmenter(List.of(left));
        SegmentationResult r = new PostProcessedSegmenter(stub, new PostProcessingSettings(true, false, 0))
                .segment(slices(1), ProgressListener.silent(), () -> false);
        assertEquals(2, stub.calls);
        float[] p = r.probabilities().get(0);
        assertEquals(0.4f, p[0], 1e-6);
        assertEquals(0.4f, p[W - 1], 1e-6); // the mirrored pass' left column, mirrored back
        assertEquals(0, r.masks().get(0).area(), "0.4 is below the threshold 0.5");
        assertEquals(0.5f, r.threshold());
    }

    @Test
    void offReturnsTheInnerResultUnchanged() {
        StubSegmenter stub = new StubSegmenter(twoBlobs());
        SegmentationResult r =
                new PostProcessedSegmenter(stub, null).segment(slices(2), ProgressListener.silent(), () -> false);
        assertEquals(5, r.masks().get(0).area());
        assertEquals(1, stub.calls);
        assertArrayEquals(stub.maps.get(1), r.probabilities().get(1));
    }

    private static int sum(byte[] m) {
        int s = 0;
        for (byte b : m) s += b;
        return s;
    }

    @Test
    void theMostConfidentComponentCanBeTheSmallerOne() {
        // slice 0: a large region the network is unsure of (p 0.6); slice 2: a smaller one it is sure of (p 0.99)
        int w = 4, h = 4;
        byte[][] masks = new byte[3][w * h];
        List<float[]> p = List.of(new float[w * h], new float[w * h], new float[w * h]);
        for (int i = 0; i < 8; i++) {
            masks[0][i] = 1;
            p.get(0)[i] = 0.6f;
        }
        for (int i = 12; i < 15; i++) {
            masks[2][i] = 1;
            p.get(2)[i] = 0.99f;
        }
        byte[][] bySize = PostProcessing.clean(
                masks, p, 0.5, w, h, new PostProcessingSettings(false, true, 0, PostProcessingSettings.LCC_BY_SIZE));
        byte[][] byConfidence =
                PostProcessing.clean(masks, p, 0.5, w, h, new PostProcessingSettings(false, true, 0, "confidence"));
        assertEquals(1, bySize[0][0]);
        assertEquals(0, bySize[2][12]);
        assertEquals(0, byConfidence[0][0], "8 voxels x 0.2 weigh less than 3 x 0.98");
        assertEquals(1, byConfidence[2][12]);
        assertEquals(
                "tta+lcc_conf",
                new PostProcessingSettings(true, true, 0, PostProcessingSettings.LCC_BY_CONFIDENCE).name());
        assertThrows(
                IllegalArgumentException.class,
                () -> PostProcessing.clean(masks, w, h, new PostProcessingSettings(false, true, 0, "confidence")));
        assertThrows(IllegalArgumentException.class, () -> new PostProcessingSettings(false, true, 0, "volume"));
    }

    @Test
    void relativeKeepsEveryComponentNearTheMostConfidentOne() {
        // a tumour split in two (8 and 4 voxels, both sure) and an unsure island (3 voxels at p 0.55)
        int w = 4, h = 4;
        byte[][] masks = new byte[3][w * h];
        List<float[]> p = List.of(new float[w * h], new float[w * h], new float[w * h]);
        for (int i = 0; i < 8; i++) {
            masks[0][i] = 1;
            p.get(0)[i] = 0.99f;
        }
        for (int i = 12; i < 16; i++) {
            masks[2][i] = 1;
            p.get(2)[i] = 0.99f;
        }
        for (int i = 0; i < 3; i++) {
            masks[2][i] = 1;
            p.get(2)[i] = 0.55f;
        }
        byte[][] out = PostProcessing.clean(
                masks,
                p,
                0.5,
                w,
                h,
                new PostProcessingSettings(false, true, 0, PostProcessingSettings.LCC_BY_RELATIVE));
        assertEquals(1, out[0][0], "the most confident part");
        assertEquals(1, out[2][12], "the other part: 4 x 0.98 >= 0.25 x 8 x 0.98");
        assertEquals(0, out[2][0], "the unsure island: 3 x 0.1 < 0.25 x 8 x 0.98");
        assertEquals(
                "lcc_rel", new PostProcessingSettings(false, true, 0, PostProcessingSettings.LCC_BY_RELATIVE).name());
    }
}
