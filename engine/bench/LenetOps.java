import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.nn.pooling.Pool;
import ai.djl.nn.Activation;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import studio.convnet.engine.train.NativeTuning;

/**
 * LeNet-28's forward operations one by one, batch 256 (a benchmark, not a test): PyTorch 2.5.1 through
 * DJL, as the engine runs them. Compare with lenet_ops.py (the same operations in the Python PyTorch).
 * {@code -Dnomkldnn=true} turns oneDNN off (PyTorch's own im2col path). After {@code ./mvnw -q -o -pl
 * engine package -DskipTests}: {@code java -cp "engine/target/convnet.jar:engine/target/lib/*"
 * engine/bench/LenetOps.java}
 */
public class LenetOps {
  static void t(String name, Runnable r) {
    for (int i = 0; i < 20; i++) r.run();
    int n = 300;
    long s = System.nanoTime();
    for (int i = 0; i < n; i++) r.run();
    System.out.printf("%-12s %.3f ms%n", name, (System.nanoTime() - s) / 1e6 / n);
  }
  public static void main(String[] a) throws Exception {
    NativeTuning.apply();
    Engine e = Engine.getEngine("PyTorch");
    System.out.println("threads " + JniUtils.getNumThreads());
    if (Boolean.getBoolean("nomkldnn")) {
      com.sun.jna.NativeLibrary lib = com.sun.jna.NativeLibrary.getInstance(java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/maps")).stream().filter(l -> l.endsWith("/libtorch_cpu.so")).map(l -> l.substring(l.indexOf('/'))).findFirst().get());
      com.sun.jna.Pointer ctx = lib.getFunction("_ZN2at13globalContextEv").invokePointer(new Object[0]);
      lib.getFunction("_ZN2at7Context20setUserEnabledMkldnnEb").invokeVoid(new Object[] {ctx, false});
      System.out.println("mkldnn user-enabled: " + lib.getFunction("_ZNK2at7Context17userEnabledMkldnnEv").invokeInt(new Object[] {ctx}));
    }
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomUniform(0, 1, new Shape(256, 1, 28, 28));
      NDArray w1 = m.randomNormal(new Shape(6, 1, 5, 5)); NDArray b1 = m.zeros(new Shape(6));
      NDArray w2 = m.randomNormal(new Shape(16, 6, 5, 5)); NDArray b2 = m.zeros(new Shape(16));
      NDArray l1 = m.randomNormal(new Shape(120, 400)); NDArray l2 = m.randomNormal(new Shape(84, 120)); NDArray l3 = m.randomNormal(new Shape(10, 84));
      Shape s1 = new Shape(1, 1), p2 = new Shape(2, 2), p0 = new Shape(0, 0), k2 = new Shape(2, 2);
      NDArray a1 = x.getNDArrayInternal().convolution(x, w1, b1, s1, p2, s1, 1).singletonOrThrow();
      NDArray sg1 = a1.getNDArrayInternal().sigmoid();
      NDArray q1 = Pool.avgPool2d(sg1, k2, k2, p0, false, true);
      NDArray a2 = q1.getNDArrayInternal().convolution(q1, w2, b2, s1, p0, s1, 1).singletonOrThrow();
      NDArray sg2 = Activation.sigmoid(a2);
      NDArray q2 = Pool.avgPool2d(sg2, k2, k2, p0, false, true);
      NDArray f = q2.reshape(256, 400);
      t("conv1", () -> { try (NDManager b = m.newSubManager()) { x.getNDArrayInternal().convolution(x, w1, b1, s1, p2, s1, 1).singletonOrThrow().attach(b); } });
      t("sigmoid1", () -> { try (NDManager b = m.newSubManager()) { Activation.sigmoid(a1).attach(b); } });
      t("pool1", () -> { try (NDManager b = m.newSubManager()) { Pool.avgPool2d(sg1, k2, k2, p0, false, true).attach(b); } });
      t("conv2", () -> { try (NDManager b = m.newSubManager()) { q1.getNDArrayInternal().convolution(q1, w2, b2, s1, p0, s1, 1).singletonOrThrow().attach(b); } });
      t("sigmoid2", () -> { try (NDManager b = m.newSubManager()) { Activation.sigmoid(a2).attach(b); } });
      t("pool2", () -> { try (NDManager b = m.newSubManager()) { Pool.avgPool2d(sg2, k2, k2, p0, false, true).attach(b); } });
      t("linear1", () -> { try (NDManager b = m.newSubManager()) { f.getNDArrayInternal().linear(f, l1, null).singletonOrThrow().attach(b); } });
    }
  }
}
