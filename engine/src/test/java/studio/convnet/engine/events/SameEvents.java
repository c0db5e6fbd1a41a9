package studio.convnet.engine.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Exact, field-by-field equality of events (arrays included; NaN equals NaN; no tolerance). */
public final class SameEvents {
  private SameEvents() {}

  public static void assertSame(Object actual, Object expected) {
    assertThat(actual).usingRecursiveComparison()
        .withComparatorForType(Double::compare, Double.class)
        .withComparatorForType(Float::compare, Float.class)
        .isEqualTo(expected);
  }

  public static void assertSameList(List<RunEvent> actual, List<RunEvent> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.size(); i++) {
      assertSame(actual.get(i), expected.get(i));
    }
  }
}
