package studio.convnet.engine.train;

import java.util.Locale;
import java.util.Optional;

/**
 * Notices a run that diverged: a loss that is not finite, or one far above chance — the loss of a
 * uniform guess, ln(classes), 2.30 for 10 classes — that stays there. Such a run would otherwise end
 * "finished" at chance accuracy with losses up to 1e31. The message names the batch and suggests a
 * rate ten times lower.
 *
 * <ul>
 *   <li>not finite (NaN, ∞): at once;
 *   <li>above {@value #FAR}× chance (230 for 10 classes: logits in the hundreds): at once;
 *   <li>above {@value #HIGH}× chance for {@value #PATIENCE} batches in a row.
 * </ul>
 */
final class DivergenceGuard {

  static final double FAR = 100;
  static final double HIGH = 3;
  static final int PATIENCE = 10;

  private final double chance;
  private final double learningRate;
  private int highInARow;

  DivergenceGuard(int classes, double learningRate) {
    this.chance = Math.log(Math.max(2, classes));
    this.learningRate = learningRate;
  }

  /** The failure message when this batch's loss shows the run diverged, else empty. */
  Optional<String> check(double loss, int epoch, int batch) {
    if (!Double.isFinite(loss)) {
      return Optional.of(message((Double.isNaN(loss) ? "the loss became NaN" : "the loss became infinite"), epoch, batch));
    }
    highInARow = loss > HIGH * chance ? highInARow + 1 : 0;
    if (loss > FAR * chance) {
      return Optional.of(message(String.format(Locale.ROOT, "the loss is %.3g, over %.0f times chance", loss, FAR),
          epoch, batch));
    }
    if (highInARow >= PATIENCE) {
      return Optional.of(message(String.format(Locale.ROOT,
          "the loss has stayed above %.0f× chance for %d batches (now %.3g)", HIGH, PATIENCE, loss), epoch, batch));
    }
    return Optional.empty();
  }

  private String message(String what, int epoch, int batch) {
    return String.format(Locale.ROOT, "training diverged at epoch %d, batch %d: %s (chance is ln %d = %.2f) with "
            + "learning rate %s. Try a lower learning rate, e.g. %s.", epoch, batch, what,
        Math.round(Math.exp(chance)), chance, plain(learningRate), plain(learningRate / 10));
  }

  /** 0.9, 0.09, 100, 1e+30: three significant digits, no exponent for everyday rates. */
  static String plain(double v) {
    if (v == 0 || !Double.isFinite(v) || Math.abs(v) >= 1e6 || Math.abs(v) < 1e-4) {
      return String.format(Locale.ROOT, "%.3g", v);
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
  }
}
