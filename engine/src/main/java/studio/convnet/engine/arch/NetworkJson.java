package studio.convnet.engine.arch;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A network as JSON, the same form in a run folder's config.json and in a network file: each layer
 * an object {@code {"$layer": "Conv", "name": "conv1", "channels": 6, ...}} whose fields are the
 * record's, blocks holding their children ({@code layers}, {@code paths}, {@code main} and {@code
 * shortcut}). Reading is strict: an unknown kind or field, a missing or mistyped field, or a value
 * the layer refuses is an {@link InvalidNetworkException} naming the field by its JSON path
 * ({@code layers[3].kernel}); nothing is half-read.
 */
public final class NetworkJson {

  private NetworkJson() {}

  /** A network description that cannot be read, with the field and the reason. */
  public static final class InvalidNetworkException extends IllegalArgumentException {
    public InvalidNetworkException(String message) {
      super(message);
    }
  }

  private static final List<String> HEADER = List.of(
      "id", "title", "description", "inputChannels", "defaultInputSize", "numClasses", "layers");

  public static JsonObject toJson(NetworkSpec spec) {
    JsonObject o = new JsonObject();
    o.addProperty("id", spec.id());
    o.addProperty("title", spec.title());
    o.addProperty("description", spec.description());
    o.addProperty("inputChannels", spec.inputChannels());
    o.addProperty("defaultInputSize", spec.defaultInputSize());
    o.addProperty("numClasses", spec.numClasses());
    o.add("layers", layers(spec.layers()));
    return o;
  }

  /** Reads a network; {@code extra} names top-level fields the caller handles (a file's header). */
  public static NetworkSpec fromJson(JsonObject o, Set<String> extra) {
    for (String key : o.keySet()) {
      if (!HEADER.contains(key) && !extra.contains(key)) {
        throw new InvalidNetworkException("unknown field '" + key + "'; a network has " + String.join(", ", HEADER));
      }
    }
    String id = string(o, "id", "");
    List<LayerSpec> layers = list(require(o, "layers", ""), "layers");
    try {
      return new NetworkSpec(id, string(o, "title", ""), string(o, "description", ""),
          integer(o, "inputChannels", ""), integer(o, "defaultInputSize", ""),
          integer(o, "numClasses", ""), layers);
    } catch (IllegalArgumentException e) {
      throw new InvalidNetworkException(e.getMessage());
    }
  }

  public static NetworkSpec fromJson(JsonObject o) {
    return fromJson(o, Set.of());
  }

  private static JsonArray layers(List<LayerSpec> layers) {
    JsonArray a = new JsonArray();
    layers.forEach(l -> a.add(layer(l)));
    return a;
  }

  private static JsonObject layer(LayerSpec l) {
    JsonObject o = new JsonObject();
    o.addProperty("$layer", l.getClass().getSimpleName());
    for (RecordComponent c : l.getClass().getRecordComponents()) {
      Object v = value(c, l);
      if (v instanceof List<?> list) {
        JsonArray a = new JsonArray();
        list.forEach(x -> a.add(layer((LayerSpec) x)));
        o.add(c.getName(), a);
      } else if (v instanceof LayerSpec child) {
        o.add(c.getName(), layer(child));
      } else if (v instanceof Number n) {
        o.addProperty(c.getName(), n);
      } else if (v == null) {
        o.add(c.getName(), JsonNull.INSTANCE);
      } else {
        o.addProperty(c.getName(), v.toString());
      }
    }
    return o;
  }

  private static List<LayerSpec> list(JsonElement e, String path) {
    if (!e.isJsonArray()) {
      throw new InvalidNetworkException(path + ": expected a list of layers");
    }
    List<LayerSpec> out = new ArrayList<>();
    JsonArray a = e.getAsJsonArray();
    for (int i = 0; i < a.size(); i++) {
      out.add(layer(a.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  private static LayerSpec layer(JsonElement e, String path) {
    if (!e.isJsonObject()) {
      throw new InvalidNetworkException(path + ": expected a layer object");
    }
    JsonObject o = e.getAsJsonObject();
    String kind = string(o, "$layer", path);
    Class<?> cls = kind(kind, path);
    RecordComponent[] comps = cls.getRecordComponents();
    Set<String> known = new LinkedHashSet<>(List.of("$layer"));
    for (RecordComponent c : comps) {
      known.add(c.getName());
    }
    String where = path + (o.has("name") && o.get("name").isJsonPrimitive() ? " (" + o.get("name").getAsString() + ")" : "");
    for (String key : o.keySet()) {
      if (!known.contains(key)) {
        throw new InvalidNetworkException(where + ": unknown field '" + key + "' for a " + kind
            + "; it has " + String.join(", ", known));
      }
    }
    Object[] args = new Object[comps.length];
    Class<?>[] types = new Class<?>[comps.length];
    for (int i = 0; i < comps.length; i++) {
      types[i] = comps[i].getType();
      args[i] = field(o, comps[i], path);
    }
    try {
      return (LayerSpec) cls.getDeclaredConstructor(types).newInstance(args);
    } catch (InvocationTargetException ex) {
      throw new InvalidNetworkException(where + ": " + ex.getCause().getMessage());
    } catch (ReflectiveOperationException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private static Object field(JsonObject o, RecordComponent c, String path) {
    String name = c.getName();
    Class<?> t = c.getType();
    if (t == LayerSpec.Fn.class && name.equals("after")) { // a residual unit may end without activation
      JsonElement v = o.get(name);
      return v == null || v.isJsonNull() ? null : enumValue(LayerSpec.Fn.class, v, path + "." + name);
    }
    JsonElement v = require(o, name, path);
    String at = path + "." + name;
    if (t == int.class) {
      return integer(o, name, path);
    } else if (t == double.class) {
      if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
        throw new InvalidNetworkException(at + ": expected a number, got " + v);
      }
      return v.getAsDouble();
    } else if (t == String.class) {
      return string(o, name, path);
    } else if (t.isEnum()) {
      return enumValue(t, v, at);
    } else if (t == List.class
        && ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0] == LayerSpec.class) {
      return list(v, at);
    } else if (t == LayerSpec.class) {
      return layer(v, at);
    }
    throw new IllegalStateException("no JSON rule for " + t);
  }

  private static Object enumValue(Class<?> t, JsonElement v, String at) {
    List<String> names = new ArrayList<>();
    for (Object k : t.getEnumConstants()) {
      names.add(((Enum<?>) k).name());
      if (v.isJsonPrimitive() && ((Enum<?>) k).name().equalsIgnoreCase(v.getAsString())) {
        return k;
      }
    }
    throw new InvalidNetworkException(at + ": expected one of " + String.join(", ", names) + ", got " + v);
  }

  private static Class<?> kind(String kind, String path) {
    List<String> kinds = new ArrayList<>();
    for (Class<?> c : LayerSpec.class.getPermittedSubclasses()) {
      kinds.add(c.getSimpleName());
      if (c.getSimpleName().equalsIgnoreCase(kind)) {
        return c;
      }
    }
    throw new InvalidNetworkException(path + ": unknown layer kind '" + kind + "'; known kinds: "
        + String.join(", ", kinds));
  }

  private static JsonElement require(JsonObject o, String name, String path) {
    JsonElement v = o.get(name);
    if (v == null || v.isJsonNull()) {
      throw new InvalidNetworkException((path.isEmpty() ? "" : path + ".") + name + ": missing");
    }
    return v;
  }

  private static String string(JsonObject o, String name, String path) {
    JsonElement v = require(o, name, path);
    if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
      throw new InvalidNetworkException((path.isEmpty() ? "" : path + ".") + name + ": expected text, got " + v);
    }
    return v.getAsString();
  }

  private static int integer(JsonObject o, String name, String path) {
    JsonElement v = require(o, name, path);
    String at = (path.isEmpty() ? "" : path + ".") + name;
    if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
      throw new InvalidNetworkException(at + ": expected a whole number, got " + v);
    }
    double d = v.getAsDouble();
    if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
      throw new InvalidNetworkException(at + ": expected a whole number, got " + v);
    }
    return (int) d;
  }

  private static Object value(RecordComponent c, Object r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
