package studio.convnet.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.convnet.engine.runs.Checkpoint.Tensor;

/**
 * SGD, SGD with momentum and Adam written with NDArray operations, PyTorch's formulas, with their
 * state (momentum buffers, Adam's moments and step counts) in maps that a checkpoint saves and a
 * resume loads — DJL's own optimizers keep that state private, so a resumed run could not continue
 * exactly.
 *
 * <pre>
 * g = grad + weightDecay · w                                (L2, as torch.optim's weight_decay)
 * SGD:       w -= lr · g
 * momentum:  b = μ · b + g;  w -= lr · b                     (b starts at 0, so b₁ = g)
 * Adam:      m = β₁m + (1−β₁)g;  v = β₂v + (1−β₂)g²;  t += 1
 *            w -= lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)   (β₁ 0.9, β₂ 0.999, ε 1e-8)
 * </pre>
 *
 * Temporaries live in a sub-manager closed after each update; state arrays live with the weights. The
 * weight's gradient is zeroed after its update (torch.optim's zero_grad), as DJL's own optimizers do.
 */
public final class StatefulOptimizer extends Optimizer {

  public enum Kind { SGD, MOMENTUM, ADAM }

  static final float BETA1 = 0.9f;
  static final float BETA2 = 0.999f;
  static final float EPSILON = 1e-8f;

  private final Kind kind;
  private final float lr;
  private final float momentum;
  private final float weightDecay;
  // keyed by DJL's parameter id (what update() receives); names come from the block when saved
  private final Map<String, NDArray> first = new HashMap<>(); // momentum buffer, or Adam's m
  private final Map<String, NDArray> second = new HashMap<>(); // Adam's v
  private final Map<String, Long> steps = new HashMap<>();
  // lr as a 0-d tensor per device: DJL's muli(Number) creates and frees one per call (two JNI
  // calls and a buffer per parameter per step, a visible share of LeNet's update)
  private final Map<ai.djl.Device, NDArray> lrScalars = new HashMap<>();

  public StatefulOptimizer(Kind kind, float lr, float momentum, float weightDecay) {
    super(new Builder());
    this.kind = kind;
    this.lr = lr;
    this.momentum = momentum;
    this.weightDecay = weightDecay;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * Updates {@code weight} from {@code grad} and zeroes the weight's gradient. The gradient is used
   * as the scratch space (it is zeroed right after anyway): no copy of it is made, and SGD needs no
   * temporary at all — for AlexNet's 21–47 M parameters a copy per step was 85–190 MB of fresh pages
   * (DJL's own SGD made two). Same values as computing on a copy.
   */
  @Override
  public void update(String id, NDArray weight, NDArray grad) {
    if (kind == Kind.SGD && weightDecay == 0) { // the common case, with no temporaries at all
      weight.subi(grad.muli(lrScalar(weight)));
      JniUtils.zeroGrad((PtNDArray) weight);
      return;
    }
    try (NDManager tmp = weight.getManager().newSubManager()) {
      NDArray g = grad;
      if (weightDecay != 0) {
        g.addi(in(tmp, weight.mul(weightDecay)));
      }
      switch (kind) {
        case SGD -> weight.subi(g.muli(lr));
        case MOMENTUM -> {
          NDArray b = first.computeIfAbsent(id, k -> weight.zerosLike());
          b.muli(momentum).addi(g);
          weight.subi(in(tmp, b.mul(lr)));
        }
        case ADAM -> {
          long t = steps.merge(id, 1L, Long::sum);
          NDArray m = first.computeIfAbsent(id, k -> weight.zerosLike());
          NDArray v = second.computeIfAbsent(id, k -> weight.zerosLike());
          m.muli(BETA1).addi(in(tmp, g.mul(1 - BETA1)));
          v.muli(BETA2).addi(in(tmp, g.mul(g)).muli(1 - BETA2));
          float c1 = (float) (1 - Math.pow(BETA1, t));
          float c2 = (float) (1 - Math.pow(BETA2, t));
          NDArray denom = in(tmp, v.div(c2)).sqrt().addi(EPSILON);
          weight.subi(in(tmp, m.div(c1)).divi(denom).muli(lr));
        }
        default -> throw new IllegalStateException(kind.toString());
      }
      // DJL's trainer does not zero gradients (its PyTorch optimizers do it inside their fused
      // update): without this they would add up from step to step, and across a resume they would not
      JniUtils.zeroGrad((PtNDArray) weight);
    }
  }

  /**
   * Updates every trainable parameter of {@code block} straight from its own gradient: DJL's
   * {@code trainer.step()} without its parameter server, which duplicates each gradient first.
   * One device only.
   */
  public void step(Block block) {
    for (Parameter p : block.getParameters().values()) {
      if (!p.requiresGradient()) continue;
      NDArray w = p.getArray();
      try (NDArray g = w.getGradient()) {
        update(p.getId(), w, g);
      }
    }
  }

  private NDArray lrScalar(NDArray weight) {
    return lrScalars.computeIfAbsent(weight.getDevice(),
        d -> weight.getManager().create(lr).toType(weight.getDataType(), false));
  }

  private static NDArray in(NDManager tmp, NDArray a) {
    a.attach(tmp);
    return a;
  }

  /** The state as named tensors ({@code momentum/<param>}, {@code adam.m/<param>}, {@code adam.v/<param>}). */
  public List<Tensor> exportState(Block block) {
    List<Tensor> out = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      String id = p.getValue().getId();
      String name = p.getKey();
      if (first.containsKey(id)) {
        out.add(tensor((kind == Kind.ADAM ? "adam.m/" : "momentum/") + name, first.get(id)));
      }
      if (second.containsKey(id)) {
        out.add(tensor("adam.v/" + name, second.get(id)));
      }
    }
    return out;
  }

  /** Adam's per-parameter step counts, by parameter name ({@code adam.t/<param>} → count as text). */
  public Map<String, String> exportCounts(Block block) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      Long t = steps.get(p.getValue().getId());
      if (t != null) {
        out.put("adam.t/" + p.getKey(), Long.toString(t));
      }
    }
    return out;
  }

  /**
   * Loads saved state into this (fresh) optimizer; names must match the block's parameters and
   * shapes their weights. Throws IllegalStateException naming the first mismatch.
   */
  public void importState(Block block, List<Tensor> state, Map<String, String> counts) {
    Map<String, Parameter> byName = new HashMap<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      byName.put(p.getKey(), p.getValue());
    }
    for (Tensor t : state) {
      int slash = t.name().indexOf('/');
      String what = slash < 0 ? "" : t.name().substring(0, slash);
      Parameter p = byName.get(t.name().substring(slash + 1));
      boolean known = what.equals(kind == Kind.ADAM ? "adam.m" : "momentum") || what.equals("adam.v") && kind == Kind.ADAM;
      if (p == null || !known) {
        throw new IllegalStateException("optimizer state " + t.name() + " does not belong to this " + kind
            + " run of this network");
      }
      NDArray w = p.getArray();
      if (!w.getShape().equals(new Shape(t.shape()))) {
        throw new IllegalStateException("optimizer state " + t.name() + " has shape " + new Shape(t.shape())
            + ", the parameter " + w.getShape());
      }
      NDArray a = w.zerosLike();
      studio.convnet.engine.runs.Checkpoint.copyInto(a, t.values());
      (what.equals("adam.v") ? second : first).put(p.getId(), a);
    }
    counts.forEach((k, v) -> {
      if (k.startsWith("adam.t/") && byName.containsKey(k.substring(7))) {
        steps.put(byName.get(k.substring(7)).getId(), Long.parseLong(v));
      }
    });
  }

  private static Tensor tensor(String name, NDArray a) {
    return new Tensor(name, a.getShape().getShape(), a.toFloatArray());
  }

  private static final class Builder extends OptimizerBuilder<Builder> {
    @Override
    protected Builder self() {
      return this;
    }
  }
}
