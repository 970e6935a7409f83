// How far float32-graph, bfloat16 and bfloat16-graph probabilities are from the float32 block forward on 16 phantom slices.
import io.github.braintumor.data.*; import io.github.braintumor.engine.*; import io.github.braintumor.infer.*;
import io.github.braintumor.model.*; import io.github.braintumor.progress.ProgressListener;
import java.util.*;
public class GraphQ {
  static List<float[]> run(ModelBundle u, List<SliceImage> sl, Precision p, String g) {
    System.setProperty("braintumor.graph", g);
    try (DefaultSegmenter s = new DefaultSegmenter(u, InferenceOptions.builder().optBatchSize(4).optPrecision(p).build())) { return s.segment(sl, ProgressListener.silent(), () -> false).probabilities(); }
  }
  public static void main(String[] a) throws Exception {
    DjlEngine.start();
    List<SliceImage> slices = new ArrayList<>();
    for (int i = 0; i < 16; i++) slices.add(PhantomGenerator.slice(7 + i, 256, i % 2 == 0).image());
    try (ModelBundle unet = EmbeddedModels.load(ModelKind.UNET)) {
      List<float[]> ref = run(unet, slices, Precision.FLOAT32, "false");
      for (String[] v : new String[][] {{"FLOAT32","true"},{"BFLOAT16","false"},{"BFLOAT16","true"}}) {
        List<float[]> got = run(unet, slices, Precision.valueOf(v[0]), v[1]);
        double max = 0, sum = 0; long n = 0, inter = 0, a1 = 0, b1 = 0;
        for (int i = 0; i < got.size(); i++) for (int k = 0; k < got.get(i).length; k++) { double d = Math.abs(got.get(i)[k] - ref.get(i)[k]); max = Math.max(max, d); sum += d; n++;
          boolean x = ref.get(i)[k] > 0.5f, y = got.get(i)[k] > 0.5f; if (x) a1++; if (y) b1++; if (x && y) inter++; }
        System.out.printf(Locale.ROOT, "%s graph=%s vs float32: max |dp| %.4f, mean %.2e, mask Dice %.5f (%d vs %d px)%n", v[0], v[1], max, sum / n, 2.0 * inter / (a1 + b1), a1, b1);
      }
    }
  }
}
