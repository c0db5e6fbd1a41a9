package studio.convnet.app;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the shipped assets folder (recorded runs) wherever the app runs from: {@code
 * -Dconvnet.assets=DIR}; next to the app jar (jpackage copies {@code assets/} into {@code lib/app/});
 * or the repository's {@code assets/} above the working directory (./mvnw javafx:run).
 */
public final class Assets {

  private Assets() {}

  public static Optional<Path> root() {
    String prop = System.getProperty("convnet.assets");
    if (prop != null && Files.isDirectory(Path.of(prop))) {
      return Optional.of(Path.of(prop));
    }
    try {
      Path jar = Path.of(Assets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path next = jar.getParent().resolve("assets");
      if (Files.isDirectory(next)) {
        return Optional.of(next);
      }
    } catch (URISyntaxException | RuntimeException e) {
      // fall through to the working directory
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("assets");
      if (Files.isDirectory(candidate.resolve("runs")) || Files.isDirectory(candidate.resolve("datasets"))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Recorded run folders (those holding an events.jsonl), sorted by name. */
  public static List<Path> recordedRuns() {
    List<Path> out = new ArrayList<>();
    root().map(r -> r.resolve("runs")).filter(Files::isDirectory).ifPresent(runs -> {
      try (Stream<Path> s = Files.list(runs)) {
        s.filter(p -> Files.isRegularFile(p.resolve("events.jsonl"))).sorted().forEach(out::add);
      } catch (IOException e) {
        System.err.println("cannot list " + runs + ": " + e.getMessage());
      }
    });
    return out;
  }

  /**
   * The recording of a zoo model's original to race a variant against: the first recorded run
   * named after it ("lenet-book-10-epochs" for lenet, "alexnet-96-book" before "alexnet-224-short"
   * for alexnet), never one of another model whose id starts alike (lenet-modern).
   */
  public static Optional<Path> recordingOf(String model) {
    List<String> others = studio.convnet.engine.arch.Zoo.all().stream().map(s -> s.id())
        .filter(id -> !id.equals(model) && id.startsWith(model)).toList();
    return recordedRuns().stream()
        .filter(p -> p.getFileName().toString().startsWith(model + "-"))
        .filter(p -> others.stream().noneMatch(o -> p.getFileName().toString().startsWith(o + "-")))
        .min(java.util.Comparator.comparing(p -> p.getFileName().toString().contains("book") ? 0 : 1));
  }

  /** The first lines of a run's PROVENANCE.md (how, where and when it was recorded), if any. */
  public static String provenance(Path run) {
    Path p = run.resolve("PROVENANCE.md");
    try {
      return Files.isRegularFile(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      return "";
    }
  }
}
