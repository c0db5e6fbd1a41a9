import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import studio.convnet.engine.data.ImageDataset;
import studio.convnet.engine.runs.RunWriter;
import studio.convnet.engine.train.DurationEstimate;
import studio.convnet.engine.train.NativeTuning;
import studio.convnet.engine.train.Presets;
import studio.convnet.engine.train.TrainingConfig;
import studio.convnet.engine.train.TrainingSession;

/**
 * The app's order in one JVM, for each preset named: "Estimate duration" (as the app asks for it,
 * {@code measure(...).warmedUp()}), then the real run with a run folder; prints estimate / real. A
 * benchmark, not a test. After {@code ./mvnw -q -o -pl engine package -DskipTests}:
 *
 * <pre>
 * GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=536870912 \
 *   java -cp "engine/target/convnet.jar:engine/target/lib/*" engine/bench/EstimateThenRun.java \
 *   lenet-quick lenet-book lenet-modern-adam alexnet-96-subset
 * </pre>
 *
 * (The tunables are what the app's launcher restarts itself with; see MallocRestart.)
 */
public class EstimateThenRun {
  public static void main(String[] presets) throws Exception {
    NativeTuning.apply();
    ImageDataset data = ImageDataset.fashionMnist();
    for (String id : presets) {
      TrainingConfig c = Presets.get(id).config();
      long t0 = System.nanoTime();
      DurationEstimate e = DurationEstimate.measure(c, data).warmedUp();
      double measuring = (System.nanoTime() - t0) / 1e9;
      Path out = Files.createTempDirectory("estimate-then-run");
      RunWriter w = RunWriter.create(out, c.record(), c.spec());
      TrainingSession s = new TrainingSession(c).dataset(data).runFolder(w.folder());
      s.addListener(w);
      long t1 = System.nanoTime();
      s.start();
      s.await(2, TimeUnit.HOURS);
      w.close();
      double real = (System.nanoTime() - t1) / 1e9;
      System.out.printf("%s: estimate %.1f s (measuring took %.1f s; %s), real %.1f s, estimate / real %.2f,"
          + " load %.1f%n", id, e.seconds(c), measuring, e.breakdown(c), real, e.seconds(c) / real,
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }
}
