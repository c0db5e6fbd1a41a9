package studio.convnet.app.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEventListener;
import studio.convnet.engine.runs.RunReader;

/** Reads run folders: all at once (a finished run) or following one that is still being written. */
public interface RunSource {

  /** Every complete event of the folder, in order. Blocking: call off the FX thread. */
  List<RunEvent> readAll(Path runDir) throws IOException;

  /**
   * The folder's events and what was skipped reading it (bad lines by number, an incomplete last
   * line). Blocking: call off the FX thread.
   */
  default RunReader.Recording read(Path runDir) throws IOException {
    return new RunReader.Recording(readAll(runDir), List.of());
  }

  /** Follows the folder on a background thread, handing events to the listener; close() stops. */
  AutoCloseable follow(Path runDir, RunEventListener listener);
}
