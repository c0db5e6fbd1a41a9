package studio.convnet.engine.events;

/** Receives a run's events on the training thread; must return quickly and never block. */
@FunctionalInterface
public interface RunEventListener {
  void onEvent(RunEvent event);
}
