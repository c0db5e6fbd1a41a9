package studio.convnet.engine.insight;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The images that excite each channel of a layer most: for every channel, the k strongest
 * (image, position) pairs seen so far, at most one per image (its strongest position), as in
 * Zeiler and Fergus's "top 9". Feed it one image's maps at a time; pure Java, not thread-safe.
 */
public final class TopActivations {

  /** One image's strongest response in a channel, at output position (y, x). */
  public record Hit(float value, int image, int y, int x) {}

  private static final Comparator<Hit> WEAKEST_FIRST =
      Comparator.comparingDouble(Hit::value).thenComparing(Comparator.comparingInt(Hit::image).reversed());

  private final int k;
  private final List<PriorityQueue<Hit>> heaps;

  public TopActivations(int channels, int k) {
    if (channels <= 0 || k <= 0) {
      throw new IllegalArgumentException("channels and k must be positive: " + channels + ", " + k);
    }
    this.k = k;
    heaps = new ArrayList<>(channels);
    for (int c = 0; c < channels; c++) heaps.add(new PriorityQueue<>(k + 1, WEAKEST_FIRST));
  }

  public int channels() {
    return heaps.size();
  }

  public int k() {
    return k;
  }

  /** Offers one image's strongest response in one channel. */
  public void offer(int channel, int image, float value, int y, int x) {
    if (Float.isNaN(value)) return;
    PriorityQueue<Hit> h = heaps.get(channel);
    if (h.size() < k) {
      h.add(new Hit(value, image, y, x));
    } else if (WEAKEST_FIRST.compare(new Hit(value, image, y, x), h.peek()) > 0) {
      h.poll();
      h.add(new Hit(value, image, y, x));
    }
  }

  /** Offers one image's maps (channels × h × w, row-major): its maximum in each channel. */
  public void offerMaps(int image, float[] maps, int h, int w) {
    int plane = h * w;
    if (maps.length != plane * heaps.size()) {
      throw new IllegalArgumentException("maps hold " + maps.length + " values, not " + heaps.size() + "×" + h + "×" + w);
    }
    for (int c = 0; c < heaps.size(); c++) {
      int best = c * plane;
      for (int i = c * plane + 1; i < (c + 1) * plane; i++) {
        if (maps[i] > maps[best]) best = i;
      }
      int at = best - c * plane;
      offer(c, image, maps[best], at / w, at % w);
    }
  }

  /** The channel's hits, strongest first (fewer than k when fewer images were offered). */
  public List<Hit> top(int channel) {
    List<Hit> l = new ArrayList<>(heaps.get(channel));
    l.sort(WEAKEST_FIRST.reversed());
    return l;
  }
}
