// The UNet graph (infer.UNetGraph) against the block's own forward (-Dbraintumor.graph=false), both channels-last, back to back: slices/s and max |dp|.
import io.github.braintumor.data.*; import io.github.braintumor.engine.*; import io.github.braintumor.infer.*;
import io.github.braintumor.model.*; import io.github.braintumor.progress.ProgressListener;
import java.util.*;
public class GraphAB {
  public static void main(String[] a) throws Exception {
    DjlEngine.start();
    List<SliceImage> slices = new ArrayList<>();
    for (int i = 0; i < 16; i++) slices.add(PhantomGenerator.slice(7 + i, 256, i % 2 == 0).image());
    try (ModelBundle unet = EmbeddedModels.load(ModelKind.UNET)) {
      for (Precision p : new Precision[] {Precision.FLOAT32, Precision.BFLOAT16}) {
        StringBuilder line = new StringBuilder(p.id() + " b4:");
        List<float[]> ref = null;
        for (String g : new String[] {"false", "true", "false", "true"}) {
          System.setProperty("braintumor.graph", g);
          try (DefaultSegmenter s = new DefaultSegmenter(unet, InferenceOptions.builder().optBatchSize(4).optPrecision(p).build())) {
            s.segment(slices, ProgressListener.silent(), () -> false); s.segment(slices, ProgressListener.silent(), () -> false);
            List<Double> rates = new ArrayList<>(); List<float[]> got = null;
            for (int r = 0; r < 5; r++) { long t = System.nanoTime(); got = s.segment(slices, ProgressListener.silent(), () -> false).probabilities(); rates.add(slices.size() / ((System.nanoTime() - t) / 1e9)); }
            Collections.sort(rates);
            double diff = 0; if (ref == null) ref = got; else for (int i = 0; i < got.size(); i++) for (int k = 0; k < got.get(i).length; k++) diff = Math.max(diff, Math.abs(got.get(i)[k] - ref.get(i)[k]));
            line.append(String.format(Locale.ROOT, " graph=%s %.2f/s (maxdiff %.2g)", g, rates.get(2), diff));
          }
        }
        System.out.println(line);
      }
    }
  }
}
