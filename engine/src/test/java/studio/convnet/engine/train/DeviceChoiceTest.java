package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class DeviceChoiceTest {

  @Test
  void autoTakesTheGpuWhenThereIsOneAndTheCpuOtherwise() {
    assertThat(DeviceChoice.AUTO.resolve(0)).isEqualTo(Device.cpu());
    assertThat(DeviceChoice.AUTO.resolve(2)).isEqualTo(Device.gpu(0));
    assertThat(DeviceChoice.CPU.resolve(4)).isEqualTo(Device.cpu());
  }

  @Test
  void gpuWithoutAGpuSaysWhatToDo() {
    assertThatThrownBy(() -> DeviceChoice.GPU.resolve(0)).hasMessageContaining("cuda profile");
    assertThatThrownBy(() -> DeviceChoice.parse("tpu")).hasMessageContaining("auto, cpu or gpu");
  }

  @Test
  void onThisMachineTheEngineLoadsOfflineAndReportsTheDevice() {
    assertThat(EngineSupport.engine().getEngineName()).isEqualTo("PyTorch");
    assertThat(DeviceChoice.describe(DeviceChoice.AUTO.resolve())).contains("PyTorch 2.5.1");
  }
}
