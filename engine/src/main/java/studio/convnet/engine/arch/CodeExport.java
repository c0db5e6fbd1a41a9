package studio.convnet.engine.arch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A network as code a student can take home: the book's PyTorch ({@code nn.Sequential} of lazy
 * layers, as d2l writes it; Inception-style and residual blocks as two small {@code nn.Module}
 * classes) and DJL Java (a class whose {@code build()} returns the block). Both keep our layer names
 * as comments, so a line of code can be found in the explorer.
 */
public final class CodeExport {

  private CodeExport() {}

  /** The Java class name the DJL export uses for {@code spec} ("lenet-relu" → "LenetRelu"). */
  public static String className(NetworkSpec spec) {
    StringBuilder b = new StringBuilder();
    boolean up = true;
    for (char c : spec.id().toCharArray()) {
      if (Character.isLetterOrDigit(c) && c < 128) {
        b.append(up ? Character.toUpperCase(c) : c);
        up = false;
      } else {
        up = true;
      }
    }
    if (b.length() == 0 || !Character.isLetter(b.charAt(0))) {
      b.insert(0, "Net");
    }
    return b.toString();
  }

  private static String header(NetworkSpec spec, String comment) {
    ShapeInference.Summary s = ShapeInference.infer(spec, spec.defaultInputSize());
    String params = s.ok() ? String.format(Locale.ROOT, "%,d parameters", s.totalParams())
        : "shape error at " + s.error().get().layer();
    return comment + " " + spec.title() + " (" + spec.id() + "), exported by ConvNet Studio.\n"
        + comment + " Input " + spec.inputChannels() + "×" + spec.defaultInputSize() + "×"
        + spec.defaultInputSize() + ", " + spec.numClasses() + " classes, " + params + ".\n";
  }

  // ---- PyTorch -------------------------------------------------------------------------------

  /** The book's PyTorch: {@code net = nn.Sequential(...)} built from lazy layers. */
  public static String pytorch(NetworkSpec spec) {
    StringBuilder out = new StringBuilder(header(spec, "#"));
    out.append("import torch\nfrom torch import nn\n\n");
    // a concat or a residual unit somewhere: the units keep it whole, the leaves open it
    boolean graph = spec.leaves().size() != spec.units().size();
    if (graph) {
      out.append("""


          class Concat(nn.Module):
              \"\"\"Parallel paths on the same input, their outputs concatenated along the channels.\"\"\"
              def __init__(self, *paths):
                  super().__init__()
                  self.paths = nn.ModuleList(paths)

              def forward(self, x):
                  return torch.cat([p(x) for p in self.paths], dim=1)


          class Residual(nn.Module):
              \"\"\"The main path's output plus the shortcut's, then an optional activation.\"\"\"
              def __init__(self, main, shortcut, after=None):
                  super().__init__()
                  self.main, self.shortcut, self.after = main, shortcut, after

              def forward(self, x):
                  y = self.main(x) + self.shortcut(x)
                  return y if self.after is None else self.after(y)


          """.stripLeading());
    }
    out.append("net = nn.Sequential(\n");
    pyList(spec.layers(), 1, new boolean[] {false}, out);
    out.append(")\n\n# Lazy layers take their input sizes from a first forward pass:\n");
    out.append("X = torch.zeros(1, ").append(spec.inputChannels()).append(", ")
        .append(spec.defaultInputSize()).append(", ").append(spec.defaultInputSize()).append(")\n");
    out.append("print(net(X).shape)  # torch.Size([1, ").append(spec.numClasses()).append("])\n");
    return out.toString();
  }

  private static void pyList(List<LayerSpec> layers, int depth, boolean[] flat, StringBuilder out) {
    for (LayerSpec l : layers) {
      out.append("    ".repeat(depth));
      py(l, depth, flat, out);
      out.append(",");
      if (!l.composite()) {
        out.append("  # ").append(l.name());
      }
      out.append("\n");
    }
  }

  private static void py(LayerSpec l, int depth, boolean[] flat, StringBuilder out) {
    String pad = "    ".repeat(depth);
    if (l instanceof LayerSpec.Sequence s) {
      out.append("nn.Sequential(  # ").append(s.name()).append("\n");
      pyList(s.layers(), depth + 1, flat, out);
      out.append(pad).append(")");
    } else if (l instanceof LayerSpec.Concat c) {
      out.append("Concat(  # ").append(c.name()).append("\n");
      pyList(c.paths(), depth + 1, flat, out);
      out.append(pad).append(")");
    } else if (l instanceof LayerSpec.Residual r) {
      out.append("Residual(  # ").append(r.name()).append("\n");
      out.append(pad).append("    nn.Sequential(\n");
      pyList(r.main(), depth + 2, flat, out);
      out.append(pad).append("    ),\n").append(pad).append("    ");
      py(r.shortcut(), depth + 1, flat, out);
      out.append(",  # ").append(r.shortcut().name()).append("\n");
      if (r.after() != null) {
        out.append(pad).append("    ").append(pyFn(r.after())).append(",\n");
      }
      out.append(pad).append(")");
    } else {
      out.append(pyLeaf(l, flat));
    }
  }

  private static String pyLeaf(LayerSpec l, boolean[] flat) {
    if (l instanceof LayerSpec.Conv c) {
      return "nn.LazyConv2d(" + c.channels() + ", kernel_size=" + c.kernel()
          + (c.stride() != 1 ? ", stride=" + c.stride() : "")
          + (c.padding() != 0 ? ", padding=" + c.padding() : "") + ")";
    } else if (l instanceof LayerSpec.Pool p) {
      return (p.kind() == LayerSpec.PoolKind.MAX ? "nn.MaxPool2d(" : "nn.AvgPool2d(")
          + "kernel_size=" + p.window() + ", stride=" + p.stride()
          + (p.padding() != 0 ? ", padding=" + p.padding() : "") + ")";
    } else if (l instanceof LayerSpec.Dense d) {
      flat[0] = true;
      return "nn.LazyLinear(" + d.units() + ")";
    } else if (l instanceof LayerSpec.Activation a) {
      return pyFn(a.fn());
    } else if (l instanceof LayerSpec.Dropout d) {
      return "nn.Dropout(p=" + d.rate() + ")";
    } else if (l instanceof LayerSpec.Flatten) {
      flat[0] = true;
      return "nn.Flatten()";
    } else if (l instanceof LayerSpec.BatchNorm) {
      return flat[0] ? "nn.LazyBatchNorm1d()" : "nn.LazyBatchNorm2d()";
    } else if (l instanceof LayerSpec.GlobalAvgPool) {
      return "nn.AdaptiveAvgPool2d((1, 1))";
    } else if (l instanceof LayerSpec.Identity) {
      return "nn.Identity()";
    }
    throw new IllegalArgumentException(l.name() + ": no PyTorch layer for " + l.type());
  }

  private static String pyFn(LayerSpec.Fn fn) {
    return switch (fn) {
      case RELU -> "nn.ReLU()";
      case SIGMOID -> "nn.Sigmoid()";
      case TANH -> "nn.Tanh()";
    };
  }

  // ---- DJL -----------------------------------------------------------------------------------

  /** A DJL Java class, {@code className(spec)}, whose {@code build()} returns the network's block. */
  public static String djl(NetworkSpec spec) {
    String name = className(spec);
    StringBuilder out = new StringBuilder(header(spec, "//"));
    out.append("""
        import ai.djl.ndarray.NDArray;
        import ai.djl.ndarray.NDArrays;
        import ai.djl.ndarray.NDList;
        import ai.djl.ndarray.types.Shape;
        import ai.djl.nn.Activation;
        import ai.djl.nn.Block;
        import ai.djl.nn.Blocks;
        import ai.djl.nn.LambdaBlock;
        import ai.djl.nn.ParallelBlock;
        import ai.djl.nn.SequentialBlock;
        import ai.djl.nn.convolutional.Conv2d;
        import ai.djl.nn.core.Linear;
        import ai.djl.nn.norm.BatchNorm;
        import ai.djl.nn.norm.Dropout;
        import ai.djl.nn.pooling.Pool;
        import ai.djl.training.ParameterStore;
        import ai.djl.util.PairList;
        import java.util.List;

        """);
    out.append("public final class ").append(name).append(" {\n\n");
    out.append("  /** The network; initialize it with input shape (batch, ").append(spec.inputChannels())
        .append(", ").append(spec.defaultInputSize()).append(", ").append(spec.defaultInputSize())
        .append("). */\n");
    out.append("  public static SequentialBlock build() {\n    SequentialBlock net = new SequentialBlock();\n");
    for (LayerSpec l : spec.units()) {
      LayerSpec block = spec.find(l.name()).orElse(l);
      String expr = java(block, 2).replaceFirst("// " + java.util.regex.Pattern.quote(block.name()) + "\n",
          "// " + l.name() + "\n");
      out.append("    net.add(").append(expr).append(");").append(l.composite() ? "" : " // " + l.name())
          .append("\n");
    }
    out.append("    return net;\n  }\n");
    out.append(JAVA_HELPERS);
    out.append("}\n");
    return out.toString();
  }

  private static String java(LayerSpec l, int depth) {
    String pad = "  ".repeat(depth + 2);
    if (l instanceof LayerSpec.Sequence s) {
      return "seq( // " + s.name() + "\n" + javaArgs(s.layers(), depth + 1) + pad + ")";
    } else if (l instanceof LayerSpec.Concat c) {
      return "concat( // " + c.name() + "\n" + javaArgs(c.paths(), depth + 1) + pad + ")";
    } else if (l instanceof LayerSpec.Residual r) {
      List<LayerSpec> parts = new ArrayList<>();
      parts.add(new LayerSpec.Sequence("main", r.main()));
      parts.add(r.shortcut());
      String after = r.after() == null ? "null" : javaFn(r.after());
      return "residual( // " + r.name() + "\n" + javaArgs(parts, depth + 1, true)
          + "  ".repeat(depth + 3) + after + ")";
    } else if (l instanceof LayerSpec.Conv c) {
      return "conv(" + c.channels() + ", " + c.kernel() + ", " + c.stride() + ", " + c.padding() + ")";
    } else if (l instanceof LayerSpec.Pool p) {
      return "Pool." + (p.kind() == LayerSpec.PoolKind.MAX ? "max" : "avg") + "Pool2dBlock(new Shape("
          + p.window() + ", " + p.window() + "), new Shape(" + p.stride() + ", " + p.stride()
          + "), new Shape(" + p.padding() + ", " + p.padding() + "))";
    } else if (l instanceof LayerSpec.Dense d) {
      return "Linear.builder().setUnits(" + d.units() + ").build()";
    } else if (l instanceof LayerSpec.Activation a) {
      return javaFn(a.fn());
    } else if (l instanceof LayerSpec.Dropout d) {
      return "Dropout.builder().optRate(" + (float) d.rate() + "f).build()";
    } else if (l instanceof LayerSpec.Flatten) {
      return "Blocks.batchFlattenBlock()";
    } else if (l instanceof LayerSpec.BatchNorm) {
      return "BatchNorm.builder().build()";
    } else if (l instanceof LayerSpec.GlobalAvgPool) {
      return "globalAvgPool()";
    } else if (l instanceof LayerSpec.Identity) {
      return "Blocks.identityBlock()";
    }
    throw new IllegalArgumentException(l.name() + ": no DJL block for " + l.type());
  }

  private static String javaArgs(List<LayerSpec> parts, int depth) {
    return javaArgs(parts, depth, false);
  }

  private static String javaArgs(List<LayerSpec> parts, int depth, boolean more) {
    StringBuilder b = new StringBuilder();
    String pad = "  ".repeat(depth + 2);
    for (int i = 0; i < parts.size(); i++) {
      LayerSpec p = parts.get(i);
      b.append(pad).append(java(p, depth)).append(i < parts.size() - 1 || more ? "," : "");
      if (!p.composite()) {
        b.append(" // ").append(p.name());
      }
      b.append("\n");
    }
    return b.toString();
  }

  private static String javaFn(LayerSpec.Fn fn) {
    return switch (fn) {
      case RELU -> "Activation.reluBlock()";
      case SIGMOID -> "Activation.sigmoidBlock()";
      case TANH -> "Activation.tanhBlock()";
    };
  }

  private static final String JAVA_HELPERS = """

        static Block conv(int channels, int kernel, int stride, int padding) {
          Conv2d.Builder b = new Conv2d.Builder() {
            @Override
            public Conv2d build() {
              validate();
              return new AlignedConv2d(this);
            }
          };
          return b.setFilters(channels).setKernelShape(new Shape(kernel, kernel))
              .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding)).build();
        }

        /**
         * Conv2d with the same parameters, whose channels are padded with zeros to a multiple of 16 while
         * it computes (32 for a strided one whose input needs a gradient): PyTorch 2.5.1's oneDNN 3.5.3
         * computes k×k convolutions wrongly on some AVX-512 CPUs when the channel counts are not
         * multiples of 16 (ConvNet Studio, engine/README.md). The zeros change nothing in the result.
         */
        static final class AlignedConv2d extends Conv2d {
          AlignedConv2d(Conv2d.Builder builder) {
            super(builder);
          }

          @Override
          protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
              PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            NDArray w = store.getValue(weight, x.getDevice(), training);
            NDArray b = includeBias ? store.getValue(bias, x.getDevice(), training) : null;
            long cin = x.getShape().get(1);
            long cout = w.getShape().get(0);
            boolean wide = (kernelShape.get(0) > 1 || kernelShape.get(1) > 1) && groups == 1;
            boolean strided = stride.get(0) > 1 || stride.get(1) > 1;
            boolean inputGradient = x.hasGradient();
            long inPad = !wide || cin <= 8 ? 0 : padTo(cin, strided && inputGradient && cin > 16 ? 32 : 16);
            long outPad = wide && inputGradient ? padTo(cout, 16) : 0;
            if (inPad == 0 && outPad == 0) {
              return Conv2d.conv2d(x, w, b, stride, padding, dilation, groups);
            }
            if (inPad > 0) {
              x = x.pad(new Shape(0, 0, 0, 0, 0, inPad), 0);
            }
            w = w.pad(new Shape(0, 0, 0, 0, 0, inPad, 0, outPad), 0);
            if (b != null && outPad > 0) {
              b = b.pad(new Shape(0, outPad), 0);
            }
            NDArray y = Conv2d.conv2d(x, w, b, stride, padding, dilation, groups).singletonOrThrow();
            return new NDList(outPad > 0 ? y.get(":, 0:" + cout) : y);
          }

          private static long padTo(long channels, int multiple) {
            return (multiple - channels % multiple) % multiple;
          }
        }

        /** Blocks applied one after another. */
        static SequentialBlock seq(Block... blocks) {
          SequentialBlock s = new SequentialBlock();
          for (Block b : blocks) {
            s.add(b);
          }
          return s;
        }

        /** Parallel paths on the same input, outputs concatenated along the channels. */
        static Block concat(Block... paths) {
          return new ParallelBlock(outs -> {
            NDList heads = new NDList();
            outs.forEach(o -> heads.add(o.singletonOrThrow()));
            return new NDList(NDArrays.concat(heads, 1));
          }, List.of(paths));
        }

        /** The main path's output plus the shortcut's, then the activation {@code after} (or none). */
        static Block residual(Block main, Block shortcut, Block after) {
          Block sum = new ParallelBlock(
              outs -> new NDList(outs.get(0).singletonOrThrow().add(outs.get(1).singletonOrThrow())),
              List.of(main, shortcut));
          return after == null ? sum : new SequentialBlock().add(sum).add(after);
        }

        /** Each channel's mean, kept as C×1×1 like PyTorch's AdaptiveAvgPool2d((1, 1)). */
        static Block globalAvgPool() {
          return new LambdaBlock(x -> {
            NDArray in = x.singletonOrThrow();
            return new NDList(Pool.globalAvgPool2d(in).reshape(in.getShape().get(0), in.getShape().get(1), 1, 1));
          }, "globalAvgPool");
        }
      """;
}
