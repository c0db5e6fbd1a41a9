package studio.convnet.engine.events;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * The JSON form of {@link RunEvent}s: one object per event with a leading {@code "type"} field (the
 * record's simple name) followed by the record's components. Doubles and floats are written in their
 * shortest exact decimal form (and NaN as {@code NaN}), so decoding gives back equal values.
 *
 * <p>Large float arrays may live outside the line, in a binary sidecar (see {@link ArraySink} and
 * {@link ArraySource}): the array is then written as {@code {"$bin": "filters/step-000123.bin",
 * "offset": 0, "length": 150}} (offset in floats, little-endian float32).
 *
 * <p>{@code RunStarted.config} is written as a {@link RunConfig} object with its {@code format};
 * a recording from before it (format 1: every value a string, no {@code format}) is read through
 * {@link RunConfig#fromLegacyMap}.
 */
public final class EventCodec {

  /** Receives a large float array while an event is encoded; returns where it was put. */
  public interface ArraySink {
    /** @return the reference {bin, offset} or null to write the array inline */
    Ref put(float[] values);

    /** The same for an int array (written little-endian int32; the reference says {@code "dtype": "int32"}). */
    default Ref putInts(int[] values) {
      return null;
    }
  }

  /** Resolves a sidecar reference while an event is decoded. */
  public interface ArraySource {
    float[] get(String bin, long offset, int length) throws IOException;

    /** An int32 array; offset and length count ints. */
    default int[] getInts(String bin, long offset, int length) throws IOException {
      float[] f = get(bin, offset, length); // same layout: four bytes each
      int[] v = new int[f.length];
      for (int i = 0; i < f.length; i++) v[i] = Float.floatToRawIntBits(f[i]);
      return v;
    }
  }

  public record Ref(String bin, long offset) {}

  /** A well-formed line whose event type this version does not know (written by a newer version). */
  public static final class UnknownTypeException extends JsonParseException {
    private final String type;

    UnknownTypeException(String type) {
      super("unknown event type '" + type + "' (written by a newer version of ConvNet Studio?)");
      this.type = type;
    }

    public String type() {
      return type;
    }
  }

  /** Components that a line may leave out (their constructors accept null); every other one is required. */
  private static final Map<Class<?>, java.util.Set<String>> OPTIONAL =
      Map.of(RunEvent.ActivationSnapshot.class, java.util.Set.of("probabilities"));

  private static final Map<String, Class<? extends RunEvent>> TYPES = new LinkedHashMap<>();

  static {
    for (Class<?> c : RunEvent.class.getPermittedSubclasses()) {
      @SuppressWarnings("unchecked")
      Class<? extends RunEvent> e = (Class<? extends RunEvent>) c;
      TYPES.put(c.getSimpleName(), e);
    }
  }

  private static final EventCodec INLINE = new EventCodec(null, null);

  private final Gson gson;

  private EventCodec(ArraySink sink, ArraySource source) {
    gson = new GsonBuilder()
        .serializeSpecialFloatingPointValues()
        .disableHtmlEscaping()
        .registerTypeAdapter(float[].class, new ArrayAdapter<>(Elements.FLOATS, sink, source))
        .registerTypeAdapter(int[].class, new ArrayAdapter<>(Elements.INTS, sink, source))
        .registerTypeAdapter(RunConfig.class, new RunConfigAdapter())
        .create();
  }

  /** A codec that sends arrays to {@code sink} and reads references through {@code source}. */
  public static EventCodec withSidecars(ArraySink sink, ArraySource source) {
    return new EventCodec(sink, source);
  }

  /** Encodes with every array inline (the CLI's --json). */
  public static String toJson(RunEvent event) {
    return INLINE.encode(event);
  }

  /** Decodes a line written with arrays inline. */
  public static RunEvent fromJson(String line) {
    return INLINE.decode(line);
  }

  /** The event as one line of JSON (no newline). */
  public String encode(RunEvent event) {
    // the record's own fields, then "type" spliced in first (every event has at least "elapsed")
    String body = gson.toJson(event, event.getClass());
    return "{\"type\":\"" + event.getClass().getSimpleName() + "\"," + body.substring(1);
  }

  /** Decodes one line; throws JsonParseException (with the reason) for a bad or unknown line. */
  public RunEvent decode(String line) {
    JsonElement el;
    try {
      JsonReader r = new JsonReader(new StringReader(line));
      r.setStrictness(Strictness.LENIENT);
      el = JsonParser.parseReader(r);
      if (r.peek() != JsonToken.END_DOCUMENT) {
        throw new JsonParseException("trailing text after the event");
      }
    } catch (IOException e) {
      throw new JsonParseException(e.getMessage(), e);
    }
    if (!el.isJsonObject() || !el.getAsJsonObject().has("type")) {
      throw new JsonParseException("not an event (no \"type\" field)");
    }
    JsonObject obj = el.getAsJsonObject();
    JsonElement typeField = obj.get("type");
    if (!typeField.isJsonPrimitive() || !typeField.getAsJsonPrimitive().isString()) {
      throw new JsonParseException("not an event (\"type\" is not a name)");
    }
    String type = typeField.getAsString();
    Class<? extends RunEvent> cls = TYPES.get(type);
    if (cls == null) {
      throw new UnknownTypeException(type);
    }
    obj.remove("type");
    List<String> missing = new ArrayList<>();
    for (RecordComponent c : cls.getRecordComponents()) {
      JsonElement v = obj.get(c.getName());
      boolean optional = OPTIONAL.getOrDefault(cls, java.util.Set.of()).contains(c.getName());
      if ((v == null || v.isJsonNull()) && !optional) {
        missing.add(c.getName());
      }
    }
    if (!missing.isEmpty()) {
      throw new JsonParseException(type + ": required field" + (missing.size() > 1 ? "s " : " ")
          + String.join(", ", missing) + " missing");
    }
    try {
      return gson.fromJson(obj, cls);
    } catch (RuntimeException e) {
      throw new JsonParseException(type + ": " + reason(e), e);
    }
  }

  /** The most telling message of an exception chain (an IOException from a sidecar, else the first). */
  public static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException && t.getMessage() != null) {
        return t.getMessage();
      }
    }
    return String.valueOf(e.getMessage() != null ? e.getMessage() : e.toString());
  }

  /** A RunConfig as its record fields; reads format 1 (a map of strings) too. */
  private static final class RunConfigAdapter extends TypeAdapter<RunConfig> {
    private static final Gson PLAIN = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    @Override
    public void write(JsonWriter out, RunConfig c) {
      PLAIN.toJson(PLAIN.toJsonTree(c, RunConfig.class), out);
    }

    @Override
    public RunConfig read(JsonReader in) {
      return fromJson(JsonParser.parseReader(in));
    }

    static RunConfig fromJson(JsonElement el) {
      if (el == null || el.isJsonNull()) {
        return null;
      }
      JsonObject o = el.getAsJsonObject();
      if (o.has("format") && o.get("format").getAsInt() >= 2) {
        return PLAIN.fromJson(o, RunConfig.class);
      }
      Map<String, String> legacy = new LinkedHashMap<>();
      o.entrySet().forEach(e -> legacy.put(e.getKey(), e.getValue().getAsString()));
      return RunConfig.fromLegacyMap(legacy);
    }
  }

  /** Reads a RunConfig in either format (config.json's "config" uses this too). */
  public static RunConfig configFromJson(JsonElement el) {
    return RunConfigAdapter.fromJson(el);
  }

  /** A RunConfig as a JSON tree. */
  public static JsonElement configToJson(RunConfig c) {
    return RunConfigAdapter.PLAIN.toJsonTree(c, RunConfig.class);
  }

  /** A sidecar reference as read: file, offset and length (in elements). */
  private record ReadRef(String bin, long offset, int length) {}

  private static ReadRef readRef(JsonReader in, ArraySource source) throws IOException {
    String bin = null;
    long offset = 0;
    int length = -1;
    in.beginObject();
    while (in.hasNext()) {
      String name = in.nextName();
      switch (name) {
        case "$bin" -> bin = in.nextString();
        case "offset" -> offset = in.nextLong();
        case "length" -> length = in.nextInt();
        default -> in.skipValue();
      }
    }
    in.endObject();
    if (bin == null || length < 0 || source == null) {
      throw new IOException("a sidecar array reference needs $bin, length and a run folder");
    }
    return new ReadRef(bin, offset, length);
  }

  private static void writeRef(JsonWriter out, Ref ref, int length, String dtype) throws IOException {
    out.beginObject();
    out.name("$bin").value(ref.bin());
    out.name("offset").value(ref.offset());
    out.name("length").value(length);
    if (dtype != null) {
      out.name("dtype").value(dtype);
    }
    out.endObject();
  }

  /**
   * What differs between the two kinds of array the codec writes: how a sidecar holds them (the
   * reference's dtype; null is float32) and how one value is written and read inline.
   */
  private record Elements<A>(IntFunction<A> allocate, BiFunction<ArraySink, A, Ref> put, Get<A> get,
      String dtype, WriteAt<A> write, ReadAt<A> read) {

    // kept here, not in EventCodec: EventCodec builds INLINE while it initialises, before later fields
    /** Ints inline, or (when the sink takes them) a sidecar reference with {@code "dtype": "int32"}. */
    private static final Elements<int[]> INTS = new Elements<>(int[]::new, ArraySink::putInts,
        (source, r) -> source.getInts(r.bin(), r.offset(), r.length()), "int32",
        (out, v, i) -> out.value(v[i]), (in, into, i) -> into[i] = in.nextInt());

    /** Floats as their shortest exact text (NaN and the infinities by name), or a sidecar reference. */
    private static final Elements<float[]> FLOATS = new Elements<>(float[]::new, ArraySink::put,
        (source, r) -> source.get(r.bin(), r.offset(), r.length()), null,
        (out, v, i) -> out.jsonValue(Float.isFinite(v[i]) ? Float.toString(v[i])
            : Float.isNaN(v[i]) ? "NaN" : v[i] > 0 ? "Infinity" : "-Infinity"),
        (in, into, i) -> into[i] = Float.parseFloat(in.nextString()));
  }

  private interface Get<A> {
    A get(ArraySource source, ReadRef ref) throws IOException;
  }

  private interface WriteAt<A> {
    void write(JsonWriter out, A values, int i) throws IOException;
  }

  private interface ReadAt<A> {
    void read(JsonReader in, A into, int i) throws IOException;
  }

  /** A primitive array: null, a sidecar reference (when the sink takes it), or its values inline. */
  private static final class ArrayAdapter<A> extends TypeAdapter<A> {
    private final Elements<A> elements;
    private final ArraySink sink;
    private final ArraySource source;

    ArrayAdapter(Elements<A> elements, ArraySink sink, ArraySource source) {
      this.elements = elements;
      this.sink = sink;
      this.source = source;
    }

    @Override
    public void write(JsonWriter out, A a) throws IOException {
      if (a == null) {
        out.nullValue();
        return;
      }
      int length = java.lang.reflect.Array.getLength(a);
      Ref ref = sink == null ? null : elements.put().apply(sink, a);
      if (ref != null) {
        writeRef(out, ref, length, elements.dtype());
        return;
      }
      out.beginArray();
      for (int i = 0; i < length; i++) {
        elements.write().write(out, a, i);
      }
      out.endArray();
    }

    @Override
    public A read(JsonReader in) throws IOException {
      JsonToken t = in.peek();
      if (t == JsonToken.NULL) {
        in.nextNull();
        return null;
      }
      if (t == JsonToken.BEGIN_OBJECT) {
        return elements.get().get(source, readRef(in, source));
      }
      A buf = elements.allocate().apply(16);
      int n = 0;
      in.beginArray();
      while (in.hasNext()) {
        if (n == java.lang.reflect.Array.getLength(buf)) {
          buf = copy(buf, n * 2, n);
        }
        elements.read().read(in, buf, n++);
      }
      in.endArray();
      return copy(buf, n, n);
    }

    private A copy(A from, int length, int n) {
      A to = elements.allocate().apply(length);
      System.arraycopy(from, 0, to, 0, n);
      return to;
    }
  }
}
