import ai.djl.*; import ai.djl.ndarray.*; import ai.djl.ndarray.types.*; import ai.djl.training.*; import ai.djl.training.optimizer.Optimizer; import ai.djl.training.tracker.Tracker;
import io.github.braintumor.engine.*; import io.github.braintumor.nn.*; import io.github.braintumor.train.UNetTrainingGraph;
/** The UNet training step (features 16, 128x128, batch 16) as the product runs it: float32 (the block's forward) or
 * bfloat16 mixed precision (UNetTrainingGraph); args: f32|bf16 [steps]. Same loss and optimizer as the peer's probe. */
public class TrainStep { public static void main(String[] a) throws Exception {
  DjlEngine.start(); boolean bf=a.length>0&&a[0].equals("bf16"); int steps=a.length>1?Integer.parseInt(a[1]):7;
  int bs=16, side=128; Shape xs=new Shape(bs,3,side,side);
  try (Model model=Model.newInstance("t", DjlEngine.device(), DjlEngine.ENGINE_NAME)) {
    UNetBlock unet=(UNetBlock)UNet.builder().optInChannels(3).optOutChannels(1).optFeatures(16).optDepth(4).build();
    model.setBlock(unet);
    DefaultTrainingConfig tc=new DefaultTrainingConfig(Losses.softDice()).optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-4f)).build());
    try (Trainer tr=model.newTrainer(tc); NDManager keep=model.getNDManager().newSubManager()) {
      tr.initialize(xs); UNetTrainingGraph graph=bf?UNetTrainingGraph.of(unet,true):null;
      float[] xv=new float[(int)xs.size()]; java.util.Random r=new java.util.Random(0); for(int i=0;i<xv.length;i++) xv[i]=(float)r.nextGaussian();
      NDArray x=ChannelsLast.create(keep,xv,xs); NDArray y=keep.randomUniform(0,1,new Shape(bs,1,side,side)).gt(0.9).toType(DataType.FLOAT32,false);
      double[] ts=new double[steps];
      for (int i=-2;i<steps;i++){ long s=System.nanoTime();
        try (NDManager sub=keep.newSubManager()){ x.tempAttach(sub); y.tempAttach(sub);
          try (GradientCollector gc=tr.newGradientCollector()){
            NDArray p=bf?graph.forward(x):tr.forward(new NDList(x)).singletonOrThrow();
            NDArray l=tr.getLoss().evaluate(new NDList(y), new NDList(p)); gc.backward(l);} tr.step(); }
        if(i>=0) ts[i]=(System.nanoTime()-s)/1e6; }
      java.util.Arrays.sort(ts); System.out.printf("ours %s f16 128 b16 %s threads: %.2f samples/s (median %.0f ms)%n", bf?"bf16":"fp32", System.getProperty("ai.djl.pytorch.num_threads"), bs*1e3/ts[steps/2], ts[steps/2]);
    }}}}
