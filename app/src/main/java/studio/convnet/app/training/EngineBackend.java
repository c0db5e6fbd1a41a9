package studio.convnet.app.training;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import studio.convnet.app.common.TestImages;
import studio.convnet.engine.data.ImageDataset;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEventListener;
import studio.convnet.engine.runs.RunWriter;
import studio.convnet.engine.train.DurationEstimate;
import studio.convnet.engine.train.TrainingConfig;
import studio.convnet.engine.train.TrainingSession;

/**
 * The real backend: the engine's {@link TrainingSession} on its own "convnet-training" thread,
 * recorded by a {@link RunWriter} into {@code <runs root>/<date>-<model>/}. The dataset is loaded
 * once, in the background; commands from the FX thread only set flags.
 */
public final class EngineBackend implements TrainingBackend {

  private final Path runsRoot;

  /** @param runsRoot where run folders are created (default: {@code runs} in the working folder) */
  public EngineBackend(Path runsRoot) {
    this.runsRoot = runsRoot;
  }

  /**
   * Run folders go to {@code -Dconvnet.runs}, else to {@code ~/ConvNetStudio/runs} in an installed app
   * (jpackage's launcher sets {@code jpackage.app-path}; its working directory may not be writable),
   * else to {@code runs/} in the working directory (a clone).
   */
  public static EngineBackend fromSystemProperties() {
    return new EngineBackend(runsFolder(System.getProperty("convnet.runs"), System.getProperty("jpackage.app-path"),
        System.getProperty("user.home")));
  }

  static Path runsFolder(String explicit, String appPath, String home) {
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    if (appPath != null && home != null) {
      return Path.of(home, "ConvNetStudio", "runs");
    }
    return Path.of("runs");
  }

  @Override
  public Control start(TrainingConfig config, RunEventListener listener) {
    EngineControl c = new EngineControl();
    Thread starter = new Thread(() -> c.launch(config, listener), "convnet-run-starter");
    starter.setDaemon(true);
    starter.start();
    return c;
  }

  /** A run being launched or running; commands before the session exists are replayed on it. */
  private final class EngineControl implements Control {
    private final AtomicReference<TrainingSession> session = new AtomicReference<>();
    private volatile RunWriter writer;
    private volatile boolean stopEarly;
    private volatile Thread closer;
    /** Open until the launch is over (started, stopped early or failed): await waits for it first. */
    private final java.util.concurrent.CountDownLatch launched = new java.util.concurrent.CountDownLatch(1);

    void launch(TrainingConfig cfg, RunEventListener listener) {
      try {
        launchNow(cfg, listener);
      } finally {
        launched.countDown();
      }
    }

    private void launchNow(TrainingConfig cfg, RunEventListener listener) {
      try {
        ImageDataset data = TestImages.fashionMnist().get();
        RunWriter w = RunWriter.create(runsRoot, cfg.record(), cfg.spec());
        writer = w;
        TrainingSession t = new TrainingSession(cfg).dataset(data).runFolder(w.folder());
        t.addListener(w);
        t.addListener(listener);
        session.set(t);
        if (stopEarly) {
          w.close();
          listener.onEvent(new RunEvent.RunFinished(0, false, 0, Double.NaN));
          return;
        }
        t.start();
        closer = new Thread(() -> {
          try {
            while (!t.await(1, TimeUnit.SECONDS)) {
              // the training thread is still running
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            w.close(); // everything, RunFinished included, is on disk
          }
        }, "convnet-run-closer");
        closer.setDaemon(true);
        closer.start();
      } catch (Exception e) {
        listener.onEvent(new RunEvent.RunFailed(0, 0, 0, "could not start: " + e.getMessage()));
      }
    }

    @Override public void pause() { Optional.ofNullable(session.get()).ifPresent(TrainingSession::pause); }
    @Override public void resume() { Optional.ofNullable(session.get()).ifPresent(TrainingSession::resume); }

    @Override
    public void stop() {
      stopEarly = true;
      Optional.ofNullable(session.get()).ifPresent(TrainingSession::stop);
    }

    @Override
    public void classify(studio.convnet.engine.train.OwnImage image) {
      Optional.ofNullable(session.get()).ifPresent(t -> t.classify(image));
    }

    @Override
    public void requestLook(int testIndex, int cls) {
      Optional.ofNullable(session.get()).ifPresent(t -> t.requestLook(testIndex, cls));
    }

    @Override
    public void requestActivations() {
      Optional.ofNullable(session.get()).ifPresent(TrainingSession::requestActivations);
    }

    @Override
    public boolean await(long millis) throws InterruptedException {
      long end = System.currentTimeMillis() + millis;
      if (!launched.await(Math.max(1, millis), TimeUnit.MILLISECONDS)) {
        return false; // still loading the data or the engine
      }
      TrainingSession t = session.get();
      if (t != null && !t.await(Math.max(1, end - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) {
        return false;
      }
      Thread c = closer;
      if (c != null) {
        c.join(Math.max(1, end - System.currentTimeMillis()));
        return !c.isAlive();
      }
      return true;
    }

    @Override
    public Optional<Path> runFolder() {
      return Optional.ofNullable(writer).map(RunWriter::folder);
    }
  }

  @Override
  public void measure(TrainingConfig config, Consumer<Measurement> done) {
    Thread t = new Thread(() -> {
      Measurement m;
      try {
        // the run that follows in this JVM starts warm: the timing run paid the warm-up
        m = new Measurement(DurationEstimate.measure(config, TestImages.fashionMnist().get()).warmedUp(), null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        m = new Measurement(null, "interrupted");
      } catch (Exception e) {
        m = new Measurement(null, e.getMessage() == null ? e.toString() : e.getMessage());
      }
      done.accept(m);
    }, "convnet-estimate");
    t.setDaemon(true);
    t.start();
  }
}
