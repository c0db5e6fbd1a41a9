package studio.convnet.engine.events;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import studio.convnet.engine.events.RunEvent.LayerHealth;
import studio.convnet.engine.events.RunEvent.LayerStats;

/**
 * A run's {@link LayerHealth} records in step order, and each layer's stats over time: the part of
 * {@link RunState} that the Health view and {@code runs health} read. A repeated step replaces the
 * older record; a resume drops what came after its checkpoint. Not thread-safe.
 */
public final class HealthHistory {

  /** One layer's stats in one record, with where the record sits on the epoch axis. */
  public record Point(double epochX, int epoch, int batch, long step, LayerStats stats) {}

  private final NavigableMap<Long, LayerHealth> records = new TreeMap<>();
  private int version;

  void add(LayerHealth h) {
    records.put(h.step(), h);
    version++;
  }

  /** Drops the records of epochs after {@code epoch} (a resume trains them again). */
  void dropAfterEpoch(int epoch) {
    if (records.values().removeIf(h -> h.epoch() > epoch)) {
      version++;
    }
  }

  void clear() {
    records.clear();
    version++;
  }

  /** Changes whenever a record is added or dropped. */
  public int version() {
    return version;
  }

  public boolean isEmpty() {
    return records.isEmpty();
  }

  public List<LayerHealth> records() {
    return new ArrayList<>(records.values());
  }

  public Optional<LayerHealth> latest() {
    return Optional.ofNullable(records.isEmpty() ? null : records.lastEntry().getValue());
  }

  /** Every layer named in any record, in network order (the order of their first record). */
  public List<String> layers() {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (LayerHealth h : records.values()) {
      h.layers().forEach(l -> names.add(l.layer()));
    }
    return new ArrayList<>(names);
  }

  /** A layer's stats in each record that has it, in step order. */
  public List<Point> series(String layer) {
    List<Point> out = new ArrayList<>();
    for (Map.Entry<Long, LayerHealth> e : records.entrySet()) {
      LayerHealth h = e.getValue();
      h.layer(layer).ifPresent(s -> out.add(new Point(h.epochX(), h.epoch(), h.batch(), h.step(), s)));
    }
    return out;
  }
}
