package studio.convnet.app.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEventListener;
import studio.convnet.engine.runs.RunReader;

/** Run folders through the engine's {@link RunReader}. */
public final class EngineRunSource implements RunSource {

  @Override
  public List<RunEvent> readAll(Path runDir) throws IOException {
    return RunReader.readAll(runDir);
  }

  @Override
  public RunReader.Recording read(Path runDir) throws IOException {
    return RunReader.read(runDir);
  }

  @Override
  public AutoCloseable follow(Path runDir, RunEventListener listener) {
    return RunReader.followInBackground(runDir, listener);
  }
}
