package studio.convnet.engine.runs;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import studio.convnet.engine.arch.NetworkJson;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.Zoo;
import studio.convnet.engine.events.EventCodec;
import studio.convnet.engine.events.RunConfig;

/**
 * The layout of a run folder, {@code runs/<yyyy-MM-dd-HHmmss>-<model>/}:
 *
 * <pre>
 * config.json            {"format": 2, "config": {RunConfig}, "spec": {the network}}  (format 1: config as strings)
 * events.jsonl           one RunEvent per line, {"type": ..., ...}, appended and flushed as they happen
 * filters/step-000123.bin                          FilterSnapshot weights (little-endian float32)
 * activations/epoch-003-step-000705-probe-00042.bin ActivationSnapshot arrays (image, layers, probabilities)
 * confusion/epoch-003.bin                          ConfusionMatrix test indices and predictions (int32)
 * patches/epoch-003-conv1.bin                      TopPatches arrays (test indices, activations, patches)
 * checkpoints/epoch-0003.ckpt                      everything a resume needs after epoch 3 (see Checkpoint)
 * repairs/events-line-14.partial                   a torn last line cut off before a resumed run appended
 * </pre>
 *
 * Whole files (config.json, sidecars, checkpoints) are written to a temp file and renamed atomically.
 */
public final class RunFolder {

  public static final String CONFIG = "config.json";
  public static final String EVENTS = "events.jsonl";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  private RunFolder() {}

  /** Creates {@code root/<yyyy-MM-dd-HHmmss>-<model>} (with a -2, -3… suffix if taken). */
  public static Path create(Path root, String model) throws IOException {
    Files.createDirectories(root);
    String base = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss")) + "-" + model;
    for (int i = 1; ; i++) {
      Path dir = root.resolve(i == 1 ? base : base + "-" + i);
      try {
        Files.createDirectory(dir);
        return dir;
      } catch (FileAlreadyExistsException e) {
        // next suffix
      }
    }
  }

  /** A run folder's config.json: the recorded settings and the network they trained. */
  public record Recorded(RunConfig config, NetworkSpec spec) {}

  /** Writes config.json atomically. */
  public static void writeConfig(Path dir, RunConfig config, NetworkSpec spec) throws IOException {
    JsonObject root = new JsonObject();
    root.addProperty("format", RunConfig.FORMAT);
    root.add("config", EventCodec.configToJson(config));
    root.add("spec", specToJson(spec));
    writeAtomically(dir.resolve(CONFIG), GSON.toJson(root).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads config.json (format 2, or format 1 with every value as text). The network is the recorded
   * one (the zoo's own object when they are equal), or the zoo model of that id when none is recorded.
   */
  public static Recorded readConfig(Path dir) throws IOException {
    Path file = dir.resolve(CONFIG);
    if (!Files.isRegularFile(file)) {
      throw new IOException(dir + ": not a run folder (no " + CONFIG + ")");
    }
    try {
      JsonObject root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
      RunConfig config = EventCodec.configFromJson(root.get("config"));
      if (config == null) {
        throw new JsonParseException("no \"config\"");
      }
      NetworkSpec spec = root.has("spec") ? specFromJson(root.getAsJsonObject("spec")) : Zoo.get(config.model());
      if (Zoo.find(spec.id()).map(spec::equals).orElse(false)) {
        spec = Zoo.get(spec.id());
      }
      return new Recorded(config, spec);
    } catch (JsonParseException | IllegalStateException | IllegalArgumentException | NullPointerException e) {
      throw new IOException(file + ": unreadable (" + e.getMessage() + ")", e);
    }
  }

  /** Writes bytes to a temp file in the same folder, then renames it over {@code target} atomically. */
  public static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try {
      Files.write(tmp, bytes);
    } catch (IOException e) {
      Files.deleteIfExists(tmp); // a full disk leaves no half-written .tmp behind
      throw naming(target, e);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** An I/O error in a few words: "No space left on device", "permission denied", with the path when known. */
  public static String reason(Throwable e) {
    if (e instanceof java.nio.file.FileSystemException fs) {
      String why = fs.getReason() != null ? fs.getReason()
          : fs instanceof java.nio.file.AccessDeniedException ? "permission denied"
          : fs instanceof java.nio.file.NoSuchFileException ? "no such file or folder"
          : fs instanceof FileAlreadyExistsException ? "already exists (as a file?)"
          : fs instanceof java.nio.file.NotDirectoryException ? "not a folder"
          : fs.getClass().getSimpleName();
      return fs.getFile() != null ? fs.getFile() + ": " + why : why;
    }
    return String.valueOf(e.getMessage() != null ? e.getMessage() : e.toString());
  }

  /** True when an I/O error (or one of its causes) means the disk, or the user's quota, is full. */
  public static boolean isDiskFull(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t instanceof java.nio.file.FileSystemException fs ? fs.getReason() : t.getMessage();
      if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded")
          || m.contains("not enough space on the disk"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A failed write in one line that names the file: "disk full: could not write F: No space left on
   * device", or "could not write F: reason".
   */
  public static String writeFailure(Throwable e) {
    return (isDiskFull(e) ? "disk full: " : "") + "could not write " + reason(e);
  }

  /** An I/O error on {@code file} that names it (kept as it is when it names a file already). */
  static IOException naming(Path file, IOException e) {
    if (e instanceof java.nio.file.FileSystemException fs && fs.getFile() != null) {
      return e;
    }
    var named = new java.nio.file.FileSystemException(file.toString(), null,
        e.getMessage() != null ? e.getMessage() : e.toString());
    named.initCause(e);
    return named;
  }

  /** Deletes a folder this process just made (and what it wrote into it), ignoring failures. */
  static void deleteQuietly(Path dir) {
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort: a folder we could not finish
        }
      });
    } catch (IOException ignored) {
      // nothing to clean
    }
  }

  // ----------------------------------------------------------------- the network as JSON

  public static JsonObject specToJson(NetworkSpec spec) {
    return NetworkJson.toJson(spec);
  }

  public static NetworkSpec specFromJson(JsonObject o) {
    return NetworkJson.fromJson(o);
  }
}
