package studio.convnet.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnswersTest {

  @Test
  void readsShapesInTheNotationsStudentsUse() {
    assertThat(Answers.parseShape("96x54x54")).containsExactly(96, 54, 54);
    assertThat(Answers.parseShape(" 96 × 54 × 54 ")).containsExactly(96, 54, 54);
    assertThat(Answers.parseShape("torch.Size([1, 96, 54, 54])")).isNull();
    assertThat(Answers.parseShape("[1, 96, 54, 54]")).containsExactly(1, 96, 54, 54);
    assertThat(Answers.parseShape("96*54*54")).containsExactly(96, 54, 54);
    assertThat(Answers.parseShape("")).isNull();
  }

  @Test
  void readsNumbersWithOrWithoutThousandsSeparators() {
    assertThat(Answers.parseNumber("11,712")).isEqualTo(11712L);
    assertThat(Answers.parseNumber("11712")).isEqualTo(11712L);
    assertThat(Answers.parseNumber("26 218 496")).isEqualTo(26218496L);
    assertThat(Answers.parseNumber("11_712")).isEqualTo(11712L);
    assertThat(Answers.parseNumber("1,17,12")).isNull();
    assertThat(Answers.parseNumber("12k")).isNull();
  }
}
