package studio.convnet.app;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Waits for a condition evaluated on the FX thread. A lookup from the test thread walks children
 * lists that the FX thread may be changing (a tab's content goes in and out of the scene when the
 * tab is selected, {@code common/ShownTabOnly}), so conditions that look nodes up run there.
 */
public final class OnFx {

  private OnFx() {}

  public static void waitFor(long seconds, Callable<Boolean> condition) throws TimeoutException {
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
  }
}
