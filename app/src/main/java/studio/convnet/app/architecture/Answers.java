package studio.convnet.app.architecture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks what a student typed against the true value. Shapes may be written "96x54x54", "96×54×54",
 * "96, 54, 54", "(96, 54, 54)" or with PyTorch's batch dimension "[1, 96, 54, 54]"; numbers with or
 * without thousands separators ("11,712", "11 712", "11_712", "11712").
 */
public final class Answers {

  private Answers() {}

  public enum Verdict { EMPTY, RIGHT, WRONG }

  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final Pattern SHAPE_SYNTAX = Pattern.compile("[\\s\\d,x×X*()\\[\\]]+");
  private static final Pattern NUMBER = Pattern.compile("\\d{1,3}([,_ '.\\u00a0\\u202f]\\d{3})+|\\d+");

  /** The dimensions typed, or null when it does not read as a shape. */
  public static int[] parseShape(String text) {
    String t = text == null ? "" : text.trim();
    if (t.isEmpty() || !SHAPE_SYNTAX.matcher(t).matches()) {
      return null;
    }
    List<Integer> dims = new ArrayList<>();
    Matcher m = DIGITS.matcher(t);
    while (m.find()) {
      try {
        dims.add(Integer.parseInt(m.group()));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return dims.isEmpty() ? null : dims.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The number typed, or null when it does not read as one. */
  public static Long parseNumber(String text) {
    String t = text == null ? "" : text.trim();
    if (!NUMBER.matcher(t).matches()) {
      return null;
    }
    try {
      return Long.parseLong(t.replaceAll("\\D", ""));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  public static Verdict checkShape(String answer, int[] truth) {
    if (answer == null || answer.isBlank()) {
      return Verdict.EMPTY;
    }
    int[] dims = parseShape(answer);
    if (dims == null) {
      return Verdict.WRONG;
    }
    // accept a leading batch dimension of 1, as torch.Size([1, 96, 54, 54]) prints it
    boolean same = Arrays.equals(dims, truth)
        || (dims.length == truth.length + 1 && dims[0] == 1
            && Arrays.equals(Arrays.copyOfRange(dims, 1, dims.length), truth));
    if (!same && truth.length == 1) {
      return checkNumber(answer, truth[0]); // "6,400" for a flat 6400
    }
    return same ? Verdict.RIGHT : Verdict.WRONG;
  }

  public static Verdict checkNumber(String answer, long truth) {
    if (answer == null || answer.isBlank()) {
      return Verdict.EMPTY;
    }
    Long v = parseNumber(answer);
    return v != null && v == truth ? Verdict.RIGHT : Verdict.WRONG;
  }
}
