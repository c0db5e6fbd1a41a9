package studio.convnet.app.architecture;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.Zoo;

/**
 * A benchmark, not a test: prints the shape inference time of ResNet-18 and GoogLeNet (goal under
 * 1 ms) and the explorer's edit-to-redraw time (goal under 16 ms): a channel edit inside a block,
 * through shape inference of both networks, the redrawn diagram and the refilled table, to the end of
 * the next pulse's CSS pass and layout. The UI thread's CPU time is the number to read on a busy
 * machine. For comparison with the first measurements it also times the edit followed by
 * root.applyCss() and root.layout(), which restyles every node of the window on each edit.
 * Runs headless (Monocle, software rendering), like the tests:
 *
 * <pre>
 * ./mvnw -q -o -pl app -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dapp.mainClass=studio.convnet.app.architecture.ExplorerBench
 * </pre>
 */
public final class ExplorerBench {

  private ExplorerBench() {}

  public static void main(String[] args) throws Exception {
    System.out.println("shape inference (both at 96×96, median and p95 of 2 000 runs after 2 000 warm-up runs):");
    for (String id : new String[] {"resnet18", "googlenet", "densenet", "alexnet"}) {
      NetworkSpec spec = Zoo.get(id);
      long[] t = new long[2000];
      long[] cpu = new long[t.length];
      for (int i = 0; i < 2000; i++) {
        ShapeInference.infer(spec, 96);
      }
      for (int i = 0; i < t.length; i++) {
        long c0 = CPU.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        ShapeInference.infer(spec, 96);
        t[i] = System.nanoTime() - t0;
        cpu[i] = CPU.getCurrentThreadCpuTime() - c0;
      }
      System.out.printf(Locale.ROOT, "  %-10s wall %s%n  %-10s CPU  %s%n", id, stats(t, 1e3, "µs"), "",
          stats(cpu, 1e3, "µs"));
    }

    System.setProperty("glass.platform", System.getProperty("glass.platform", "Monocle"));
    System.setProperty("monocle.platform", System.getProperty("monocle.platform", "Headless"));
    System.setProperty("prism.order", System.getProperty("prism.order", "sw"));
    // a screen larger than the 1400×900 window, as the tests have (pulses render into it)
    System.setProperty("headless.geometry", System.getProperty("headless.geometry", "1920x1200-32"));
    CompletableFuture<Void> started = new CompletableFuture<>();
    Platform.startup(() -> started.complete(null));
    started.get();
    Platform.setImplicitExit(false); // closing one variant's window must not end the toolkit
    System.out.println("explorer, GoogLeNet beside ResNet-18, a channel edit inside a block → recompute → redrawn"
        + " diagram and table, restyled and laid out by the next pulse (200 edits after 50 warm-up edits,"
        + " software rendering):");
    for (boolean open : new boolean[] {false, true}) {
      long[][] pulse = editToRedraw(open);
      long[][] forced = onFx(() -> editToRedrawForced(open));
      String name = open ? "every block opened" : "b3 and inception3a opened";
      System.out.printf(Locale.ROOT, "  %-26s wall %s%n  %-26s CPU  %s%n", name, stats(pulse[0], 1e6, "ms"), "",
          stats(pulse[1], 1e6, "ms"));
      System.out.printf(Locale.ROOT, "  %-26s CPU  with root.applyCss() instead of the pulse (restyles every node,"
          + " the method of the first measurements): %s%n", "", stats(forced[1], 1e6, "ms"));
    }
    Platform.exit();
    System.exit(0);
  }

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private static <T> T onFx(java.util.concurrent.Callable<T> task) throws Exception {
    CompletableFuture<T> done = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        done.complete(task.call());
      } catch (Exception | Error e) {
        done.completeExceptionally(e);
      }
    });
    return done.get();
  }

  private static Stage show(ArchitectureViewModel vm, Parent root, boolean openAll) {
    Stage stage = new Stage();
    stage.setScene(new Scene(root, 1400, 900));
    stage.show();
    if (openAll) {
      vm.folding().setAllCollapsed(Side.LEFT, false);
      vm.folding().setAllCollapsed(Side.RIGHT, false);
    }
    vm.select(Side.LEFT, "b3/inception3a/b2/conv2");
    return stage;
  }

  /**
   * Wall-clock and UI-thread CPU times of each edit, warm-up left out: from the edit to the end of the
   * layout of the pulse that follows it (a post-layout pulse listener), as a window redraws after an
   * edit: that pulse restyles only the nodes the edit changed and lays out only what it invalidated.
   */
  private static long[][] editToRedraw(boolean openAll) throws Exception {
    ArchitectureViewModel vm = new ArchitectureViewModel(Zoo.get("googlenet"), Zoo.get("resnet18"));
    Parent root = onFx(() -> new ArchitectureView(vm).createView());
    Stage stage = onFx(() -> show(vm, root, openAll));
    long[] t = new long[250];
    long[] cpu = new long[t.length];
    for (int i = 0; i < t.length; i++) {
      int edit = i;
      CompletableFuture<long[]> done = new CompletableFuture<>();
      Platform.runLater(() -> {
        Scene scene = root.getScene();
        long c0 = CPU.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
          scene.removePostLayoutPulseListener(once[0]);
          done.complete(new long[] {System.nanoTime() - t0, CPU.getCurrentThreadCpuTime() - c0});
        };
        scene.addPostLayoutPulseListener(once[0]);
        vm.edit("channels", edit % 2 == 0 ? 96 : 128);
        Platform.requestNextPulse();
      });
      long[] r = done.get();
      t[i] = r[0];
      cpu[i] = r[1];
    }
    onFx(() -> {
      stage.close();
      return null;
    });
    return new long[][] {Arrays.copyOfRange(t, 50, t.length), Arrays.copyOfRange(cpu, 50, t.length)};
  }

  /**
   * The same edits followed by root.applyCss() and root.layout() on the UI thread, as first measured;
   * applyCss restyles every node under the root, so this overstates what an edit costs. Also times the
   * parts alone: the view-model and the painting.
   */
  private static long[][] editToRedrawForced(boolean openAll) {
    ArchitectureViewModel vm = new ArchitectureViewModel(Zoo.get("googlenet"), Zoo.get("resnet18"));
    Parent root = new ArchitectureView(vm).createView();
    Stage stage = show(vm, root, openAll);
    long[] t = new long[250];
    long[] cpu = new long[t.length];
    for (int i = 0; i < t.length; i++) {
      long c0 = CPU.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      vm.edit("channels", i % 2 == 0 ? 96 : 128);
      root.applyCss();
      root.layout();
      t[i] = System.nanoTime() - t0;
      cpu[i] = CPU.getCurrentThreadCpuTime() - c0;
    }
    stage.close();
    // the parts alone: the view-model (shape inference, table rows, arithmetic) and the painting
    ArchitectureViewModel alone = new ArchitectureViewModel(Zoo.get("googlenet"), Zoo.get("resnet18"));
    if (openAll) {
      alone.folding().setAllCollapsed(Side.LEFT, false);
      alone.folding().setAllCollapsed(Side.RIGHT, false);
    }
    alone.select(Side.LEFT, "b3/inception3a/b2/conv2");
    long[] vmCpu = new long[t.length];
    long[] drawCpu = new long[t.length];
    javafx.scene.canvas.Canvas canvas = new javafx.scene.canvas.Canvas();
    DiagramHints hints = new DiagramHints() {
      @Override
      public boolean hidden(Side side, String layer, Column column) {
        return alone.prediction().isHidden(side, layer, column);
      }

      @Override
      public boolean collapsed(Side side, String block) {
        return alone.folding().isCollapsed(side, block);
      }
    };
    for (int i = 0; i < t.length; i++) {
      long c0 = CPU.getCurrentThreadCpuTime();
      alone.edit("channels", i % 2 == 0 ? 96 : 128);
      long c1 = CPU.getCurrentThreadCpuTime();
      Diagram.draw(canvas, alone.summary(Side.LEFT), alone.summary(Side.RIGHT), alone.selectionProperty().get(), hints);
      vmCpu[i] = c1 - c0;
      drawCpu[i] = CPU.getCurrentThreadCpuTime() - c1;
    }
    System.out.printf(Locale.ROOT, "  %-26s CPU  view-model alone: %s%n  %-26s CPU  diagram painting alone: %s%n", "",
        stats(Arrays.copyOfRange(vmCpu, 50, t.length), 1e6, "ms"), "",
        stats(Arrays.copyOfRange(drawCpu, 50, t.length), 1e6, "ms"));
    return new long[][] {Arrays.copyOfRange(t, 50, t.length), Arrays.copyOfRange(cpu, 50, t.length)};
  }

  private static String stats(long[] nanos, double unit, String name) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return String.format(Locale.ROOT, "median %.3f %s, p95 %.3f %s, max %.3f %s", s[s.length / 2] / unit, name,
        s[(int) (s.length * 0.95)] / unit, name, s[s.length - 1] / unit, name);
  }
}
