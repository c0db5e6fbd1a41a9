package studio.convnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the Linux installer's configuration says, read from packaging/ (building the .deb takes minutes):
 * the desktop menu entry reads "ConvNet Studio" with a space (jpackage's default entry takes the
 * launcher name, "ConvNetStudio"), and the package depends on what the app needs, not on xdg-utils.
 */
class PackagingConfigTest {

  private static final Path PACKAGING = Path.of("../packaging");

  @Test
  void theMenuEntryReadsConvNetStudioWithASpace() throws IOException {
    Map<String, String> common = options(PACKAGING.resolve("jpackage-common.txt"));
    Map<String, String> linux = options(PACKAGING.resolve("linux/deb.txt")); // the .deb's menu entry
    String launcher = common.get("--name");
    assertThat(launcher).as("the launcher (bin/%s) has no space: jpackage's name", launcher).isEqualTo("ConvNetStudio");
    // jpackage takes <launcher>.desktop from --resource-dir in place of its own entry
    Path desktop = Path.of("..").resolve(linux.get("--resource-dir")).resolve(launcher + ".desktop");
    assertThat(desktop).as("the menu entry's template").exists();
    List<String> lines = Files.readAllLines(desktop);
    assertThat(lines).contains("[Desktop Entry]", "Name=ConvNet Studio", "Type=Application",
        "Exec=APPLICATION_LAUNCHER", "Icon=APPLICATION_ICON");
    assertThat(lines).filteredOn(l -> l.startsWith("Name")).containsExactly("Name=ConvNet Studio");
    assertThat(linux).containsEntry("--linux-menu-group", "Education");
    // the postinst installs that very entry (jpackage names it <package>-<launcher>.desktop)
    String entry = linux.get("--linux-package-name") + "-" + launcher + ".desktop";
    assertThat(Files.readString(PACKAGING.resolve("linux/resources/postinst"))).contains("/opt/"
        + linux.get("--linux-package-name") + "/lib/" + entry, "/usr/share/applications/" + entry);
  }

  @Test
  void theDebDependsOnWhatTheAppNeedsAndXdgUtilsIsDropped() throws IOException {
    Map<String, String> deb = options(PACKAGING.resolve("linux/deb.txt"));
    assertThat(List.of(deb.get("--linux-package-deps").split(","))).contains("libgtk-3-0", "libgl1")
        .doesNotContain("xdg-utils");
    String build = Files.readString(PACKAGING.resolve("build.sh"));
    assertThat(build.lines().filter(l -> l.contains("run_jpackage deb")))
        .as("every .deb build drops jpackage's xdg-utils dependency").isNotEmpty()
        .allMatch(l -> l.contains("drop_xdg_utils"));
  }

  @Test
  void theInstalledLauncherStartsWithTheQuickJitAsTheRestartGivesJava() throws IOException {
    // under jpackage's launcher the restart cannot add JVM options: the .cfg must carry it
    assertThat(Files.readAllLines(PACKAGING.resolve("jpackage-common.txt")))
        .contains("--java-options " + studio.convnet.engine.train.MallocRestart.QUICK_JIT);
  }

  /** An argument file's options: "--opt value" per line (quotes removed), the first of each option. */
  private static Map<String, String> options(Path argFile) throws IOException {
    Map<String, String> o = new LinkedHashMap<>();
    for (String line : Files.readAllLines(argFile)) {
      String t = line.strip();
      if (!t.startsWith("--")) {
        continue;
      }
      int space = t.indexOf(' ');
      String key = space < 0 ? t : t.substring(0, space);
      String value = space < 0 ? "" : t.substring(space + 1).strip().replaceAll("^\"|\"$", "");
      o.putIfAbsent(key, value);
    }
    assertThat(o).as(argFile.toString()).isNotEmpty();
    return o;
  }
}
