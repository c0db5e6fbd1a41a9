package studio.convnet.engine.arch;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

/**
 * A network saved as a small JSON file a teacher can read and write by hand: a header naming the
 * format and its version, then the network as {@link NetworkJson} writes it.
 *
 * <pre>{@code
 * {
 *   "format": "convnet-studio-network",
 *   "version": 1,
 *   "id": "lenet-relu", "title": "LeNet with ReLU", ...,
 *   "layers": [ {"$layer": "Conv", "name": "conv1", "channels": 6, "kernel": 5, ...}, ... ]
 * }
 * }</pre>
 *
 * <p>Reading is all or nothing: a syntax error (with its line and column), another format or
 * version, an unknown layer kind or field, or a value a layer refuses is a {@link
 * BadNetworkFileException} whose one-line message names the file and the place.
 */
public final class NetworkFile {

  public static final String FORMAT = "convnet-studio-network";
  public static final int VERSION = 1;
  /** The file name ending the app suggests. */
  public static final String EXTENSION = ".network.json";

  private NetworkFile() {}

  /** A network file that cannot be read: the message is one line, starting with the file name. */
  public static final class BadNetworkFileException extends IllegalArgumentException {
    public BadNetworkFileException(String message) {
      super(message);
    }
  }

  /** The file's text for {@code spec}: header first, then the network, pretty-printed. */
  public static String text(NetworkSpec spec) {
    JsonObject o = new JsonObject();
    o.addProperty("format", FORMAT);
    o.addProperty("version", VERSION);
    NetworkJson.toJson(spec).entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n";
  }

  /** Writes {@code spec} to {@code file} atomically (a temporary file moved into place). */
  public static void save(NetworkSpec spec, Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = Files.createTempFile(dir, ".network", ".tmp");
    try {
      Files.writeString(tmp, text(spec), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Reads a network file; every problem is a {@link BadNetworkFileException} naming the file. */
  public static NetworkSpec load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new BadNetworkFileException(file + ": no such file");
    } catch (IOException e) {
      throw new BadNetworkFileException(file + ": cannot be read: " + e.getMessage());
    }
    return parse(text, file.toString());
  }

  /** Reads a network file's text; {@code name} starts every error message. */
  public static NetworkSpec parse(String text, String name) {
    JsonObject o = syntax(text, name);
    JsonElement format = o.get("format");
    if (format == null || !format.isJsonPrimitive() || !FORMAT.equals(format.getAsString())) {
      throw new BadNetworkFileException(name + ": not a network file (expected \"format\": \"" + FORMAT
          + "\" at the top, got " + (format == null ? "none" : format.toString()) + ")");
    }
    JsonElement version = o.get("version");
    if (version == null || !version.isJsonPrimitive() || !version.getAsJsonPrimitive().isNumber()) {
      throw new BadNetworkFileException(name + ": version: expected a whole number, got "
          + (version == null ? "none" : version.toString()));
    }
    if (version.getAsDouble() != VERSION) {
      throw new BadNetworkFileException(name + ": network file version " + version
          + " is not supported; this ConvNet Studio reads version " + VERSION);
    }
    try {
      return NetworkJson.fromJson(o, Set.of("format", "version"));
    } catch (IllegalArgumentException e) { // NetworkJson's messages name the field by its JSON path
      String msg = oneLine(e.getMessage());
      String line = lineOf(text, msg.split("[ :]", 2)[0]);
      throw new BadNetworkFileException(name + ": " + line + msg);
    }
  }

  /** "line 12: " for the value at a JSON path such as {@code layers[3].kernel}, or "" if not found. */
  static String lineOf(String text, String path) {
    if (path.isEmpty()) {
      return "";
    }
    String target = "$." + path;
    try (JsonReader r = new JsonReader(new StringReader(text))) {
      while (true) {
        com.google.gson.stream.JsonToken t = r.peek();
        if (t == com.google.gson.stream.JsonToken.END_DOCUMENT) {
          return "";
        }
        if (t != com.google.gson.stream.JsonToken.NAME && r.getPath().equals(target)) {
          String at = where(r);
          return at.startsWith("line ") ? at.substring(0, at.indexOf(" column")) + ": " : "";
        }
        switch (t) {
          case BEGIN_ARRAY -> r.beginArray();
          case END_ARRAY -> r.endArray();
          case BEGIN_OBJECT -> r.beginObject();
          case END_OBJECT -> r.endObject();
          case NAME -> r.nextName();
          default -> r.skipValue();
        }
      }
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static JsonObject syntax(String text, String name) {
    if (text.isBlank()) {
      throw new BadNetworkFileException(name + ": the file is empty");
    }
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      JsonElement e = com.google.gson.JsonParser.parseReader(reader);
      if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
        throw new BadNetworkFileException(name + ": unexpected text after the network at " + where(reader));
      }
      if (!e.isJsonObject()) {
        throw new BadNetworkFileException(name + ": expected a JSON object { ... } at the top");
      }
      return e.getAsJsonObject();
    } catch (JsonParseException | IOException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new BadNetworkFileException(name + ": " + syntaxMessage(cause, text));
    }
  }

  private static final java.util.regex.Pattern AT =
      java.util.regex.Pattern.compile("(.*?)\\s*at line (\\d+) column (\\d+) path (\\S+)");

  /** Gson's "… at line 14 column 22 path $.layers[0]" as "line 14, column 22 (layers[0]): what". */
  private static String syntaxMessage(Throwable cause, String text) {
    String msg = oneLine(cause.getMessage() == null ? cause.toString() : cause.getMessage());
    java.util.regex.Matcher m = AT.matcher(msg);
    if (!m.find()) {
      return msg;
    }
    String what = m.group(1);
    long lines = text.stripTrailing().lines().count();
    // an error on the last line of a file that does not end with its closing brace: cut short
    if (cause instanceof java.io.EOFException
        || Long.parseLong(m.group(2)) >= lines && !text.stripTrailing().endsWith("}")) {
      what = "the file ends too early (truncated?)";
    } else if (what.contains("malformed JSON") || what.isBlank()) {
      what = "not valid JSON here (a stray or missing comma, quote or bracket?)";
    }
    String path = m.group(4).equals("$") ? "" : " (" + m.group(4).replaceFirst("^\\$\\.?", "").replaceFirst("\\.$", "") + ")";
    return "line " + m.group(2) + ", column " + m.group(3) + path + ": " + what;
  }

  private static String where(JsonReader reader) {
    String s = reader.toString(); // "JsonReader at line 3 column 2 path $"
    int at = s.indexOf("line ");
    return at < 0 ? s : s.substring(at);
  }

  /** Gson adds a second line pointing at its troubleshooting page; a message here is one line. */
  static String oneLine(String message) {
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).strip();
  }
}
