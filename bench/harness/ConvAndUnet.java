import ai.djl.ndarray.*; import ai.djl.ndarray.types.*; import ai.djl.nn.*; import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm; import ai.djl.training.ParameterStore; import ai.djl.nn.pooling.Pool;
import io.github.braintumor.model.*; import io.github.braintumor.engine.*;
public class ConvAndUnet {
  static double rate(java.util.function.IntConsumer f, int b, int reps){ f.accept(b); f.accept(b); long s=System.nanoTime(); for(int i=0;i<reps;i++) f.accept(b); return b*reps/((System.nanoTime()-s)/1e9);}
  public static void main(String[] a) throws Exception {
    DjlEngine.start();
    System.out.println(DjlEngine.describe());
    String what=a[0];
    try (NDManager m = NDManager.newBaseManager()) {
      if (what.equals("conv")) {
        for (DataType dt : new DataType[]{DataType.FLOAT32, }) {
        NDArray x = m.randomNormal(new Shape(4,64,128,128)).toType(dt,false), w = m.randomNormal(new Shape(64,64,3,3)).toType(dt,false);
        double flops = 2.0*4*64*64*9*128*128;
        double r = rate(b -> { try (NDManager s=m.newSubManager()) { x.tempAttach(s); w.tempAttach(s); NDArray y=Conv2d.conv2d(x,w,null,new Shape(1,1),new Shape(1,1),new Shape(1,1),1).singletonOrThrow(); y.toType(DataType.FLOAT32,false).getFloat(0,0,0,0);} }, 1, 5);
        System.out.printf("conv3x3 64->64 4x128x128 %s: %.1f GFLOP/s%n", dt, r*flops/1e9);
        }
        return;
      }
      ModelBundle bundle = ModelBundle.embeddedDefault(ModelKind.UNET);
      Block block = bundle.model().getBlock();
      NDManager base = bundle.model().getNDManager();
      for (int b : new int[]{1,2,4,8}) {
        NDArray x = base.randomNormal(new Shape(b,3,256,256));
        double r = rate(n -> { try (NDManager s=base.newSubManager()) { NDArray y=block.forward(new ParameterStore(s,false), new NDList(x.duplicate()), false).singletonOrThrow(); y.toFloatArray(); } }, b, Math.max(3, 16/b));
        System.out.printf("unet f16 b%d: %.2f slices/s%n", b, r);
      }
    }
  }
}
