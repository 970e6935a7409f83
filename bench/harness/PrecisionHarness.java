import ai.djl.ndarray.*; import ai.djl.ndarray.types.*; import ai.djl.nn.convolutional.Conv2d;
import io.github.braintumor.data.*; import io.github.braintumor.engine.*; import io.github.braintumor.infer.*;
import io.github.braintumor.model.*; import io.github.braintumor.progress.ProgressListener;
import java.util.*;
/** float32 against bfloat16: one large convolution (GFLOP/s, standard and channels-last layout) and the default UNet through DefaultSegmenter (the product path: channels-last on a CPU). */
public class PrecisionHarness {
  public static void main(String[] a) throws Exception {
    DjlEngine.start();
    System.out.println(DjlEngine.describe());
    try (NDManager m = NDManager.newBaseManager()) {
      Shape xs = new Shape(4, 64, 128, 128);
      float[] values = m.randomNormal(xs).toFloatArray();
      NDArray w = m.randomNormal(new Shape(64, 64, 3, 3));
      double flops = 2.0 * 4 * 64 * 64 * 9 * 128 * 128;
      for (boolean cl : new boolean[] {false, true}) {
        for (boolean bf : new boolean[] {false, true}) {
          NDArray x = cl ? ChannelsLast.create(m, values, xs) : m.create(values, xs);
          NDArray xi = bf ? TorchCasts.toBfloat16(x) : x;
          NDArray wi = cl ? TorchCasts.toChannelsLast(w, bf) : bf ? TorchCasts.toBfloat16(w) : w;
          List<Double> all = new ArrayList<>();
          for (int r = 0; r < 7; r++) {
            long s = System.nanoTime();
            try (NDManager sm = m.newSubManager()) { xi.tempAttach(sm); wi.tempAttach(sm);
              NDArray y = Conv2d.conv2d(xi, wi, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow();
              TorchCasts.toFloat32(y).getFloat(0, 0, 0, 0); }
            if (r >= 2) all.add(flops / ((System.nanoTime() - s) / 1e9) / 1e9);
          }
          Collections.sort(all);
          System.out.printf(Locale.ROOT, "conv3x3 64->64 4x128x128 %s %s: median %.1f GFLOP/s%n", bf ? "bfloat16" : "float32",
              cl ? "channels-last" : "standard", all.get(all.size() / 2));
        }
      }
    }
    List<SliceImage> slices = new ArrayList<>();
    for (int i = 0; i < 16; i++) slices.add(PhantomGenerator.slice(7 + i, 256, i % 2 == 0).image());
    try (ModelBundle unet = EmbeddedModels.load(ModelKind.UNET)) {
      for (int b : new int[] {1, 2, 4, 8}) {
        StringBuilder line = new StringBuilder("unet (default bundle) batch " + b + ":");
        for (Precision p : new Precision[] {Precision.FLOAT32, Precision.BFLOAT16}) {
          try (DefaultSegmenter s = new DefaultSegmenter(unet, InferenceOptions.builder().optBatchSize(b).optPrecision(p).build())) {
            s.segment(slices, ProgressListener.silent(), () -> false); // warm-up
            List<Double> rates = new ArrayList<>();
            for (int r = 0; r < 5; r++) {
              long t = System.nanoTime();
              s.segment(slices, ProgressListener.silent(), () -> false);
              rates.add(slices.size() / ((System.nanoTime() - t) / 1e9));
            }
            Collections.sort(rates);
            line.append(String.format(Locale.ROOT, " %s %.2f slices/s", p.id(), rates.get(2)));
          }
        }
        System.out.println(line);
      }
    }
  }
}
