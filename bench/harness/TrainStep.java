import ai.djl.*; import ai.djl.ndarray.*; import ai.djl.ndarray.types.*; import ai.djl.training.*; import ai.djl.training.optimizer.Optimizer; import ai.djl.training.tracker.Tracker;
import io.github.braintumor.engine.*; import io.github.braintumor.nn.*;
public class TrainStep { public static void main(String[] a) throws Exception {
  DjlEngine.start(); System.out.println(DjlEngine.describe());
  int bs=16, side=128; Shape xs=new Shape(bs,3,side,side);
  try (Model model=Model.newInstance("t", DjlEngine.device(), DjlEngine.ENGINE_NAME)) {
    model.setBlock(UNet.builder().optInChannels(3).optOutChannels(1).optFeatures(16).optDepth(4).build());
    DefaultTrainingConfig tc=new DefaultTrainingConfig(Losses.softDice()).optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-4f)).build());
    try (Trainer tr=model.newTrainer(tc); NDManager keep=model.getNDManager().newSubManager()) {
      tr.initialize(xs); NDArray x=keep.randomNormal(xs); NDArray y=keep.randomUniform(0,1,new Shape(bs,1,side,side)).gt(0.9).toType(DataType.FLOAT32,false);
      double[] ts=new double[5];
      for (int i=-2;i<5;i++){ long s=System.nanoTime();
        try (NDManager sub=keep.newSubManager()){ x.tempAttach(sub); y.tempAttach(sub);
          try (GradientCollector gc=tr.newGradientCollector()){ NDArray l=tr.getLoss().evaluate(new NDList(y), tr.forward(new NDList(x))); gc.backward(l);} tr.step(); }
        if(i>=0) ts[i]=(System.nanoTime()-s)/1e6; }
      java.util.Arrays.sort(ts); System.out.printf("ours f16 128 b16: %.2f samples/s (median %.0f ms)%n", bs*1e3/ts[2], ts[2]);
    }}}}
