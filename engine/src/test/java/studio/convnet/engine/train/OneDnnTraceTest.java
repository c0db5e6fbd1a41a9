package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class OneDnnTraceTest {

  @Test
  void sumsExecutedPrimitivesByKindAndSkipsEverythingElse() {
    OneDnnTrace.Totals t = OneDnnTrace.parse(List.of(
        "onednn_verbose,v1,info,oneDNN v3.5.3 (commit 66f0cb9eb66affd2da3bf5f8d897376f04aae6af)",
        "onednn_verbose,v1,primitive,exec,cpu,reorder,jit:uni,undef,src:f32::blocked:abcd::f0 dst:f32::blocked:Acdb16a::f0,,,6x1x5x5,0.0109863",
        "onednn_verbose,v1,primitive,exec,cpu,convolution,brgconv:avx512_core,forward_training,src:f32::blocked:abcd::f0,,alg:convolution_direct,mb256_ic1oc6_ih28oh28kh5sh1dh0ph2_iw28ow28kw5sw1dw0pw2,1.5",
        "onednn_verbose,v1,primitive,exec,cpu,reorder,jit:uni,undef,src dst,,,256x6x28x28,0.5",
        "some other line on standard output",
        "onednn_verbose,v1,primitive,create:cache_hit,cpu,reorder,jit:uni,undef,src dst,,,6x1x5x5,0.001"));
    assertThat(t.counts()).containsEntry("reorder", 2).containsEntry("convolution", 1).hasSize(2);
    assertThat(t.ms().get("reorder")).isCloseTo(0.5109863, within(1e-9));
    assertThat(t.totalMs()).isCloseTo(2.0109863, within(1e-9));
  }
}
