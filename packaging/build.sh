#!/usr/bin/env bash
# Builds ConvNet Studio installers with the JDK's jpackage.
#   packaging/build.sh            app-image and .deb for this Linux machine (default)
#   packaging/build.sh app-image  only the app-image (packaging/target/ConvNetStudio/bin/ConvNetStudio)
#   packaging/build.sh deb        only the .deb (needs fakeroot and dpkg-deb)
# On Windows (Git Bash + WiX 3) use `msi`, on macOS `dmg`: the same script, their own argument files.
# Output: packaging/target/. Needs only a JDK 17+ (jpackage is part of it).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
what=${1:-all}
cd "$root"   # the argument files name paths relative to the repository root
out="$here/target"

case "$(uname -s)" in
  Linux*) os=linux ;;
  Darwin*) os=macos ;;
  MINGW*|MSYS*|CYGWIN*) os=windows ;;
  *) echo "unsupported OS $(uname -s)" >&2; exit 2 ;;
esac

echo "== building the jars"
(cd "$root" && ./mvnw -q -B -pl app -am package -DskipTests)

echo "== staging"
rm -rf "$out/input" "$out/javafx"
mkdir -p "$out/input" "$out/javafx"
cp "$root/app/target/convnet-studio.jar" "$out/input/"
for jar in "$root"/app/target/lib/*.jar; do
  name=$(basename "$jar")
  case "$name" in
    javafx-*-linux.jar|javafx-*-win.jar|javafx-*-mac*.jar) cp "$jar" "$out/javafx/" ;;  # real JavaFX modules
    javafx-*) ;;                                                                        # empty placeholder jars
    *) cp "$jar" "$out/input/" ;;                                                       # classpath (DJL jars are automatic modules)
  esac
done
# recorded runs ("one we trained earlier") travel with the app: <app>/lib/app/assets/runs
if [ -d "$root/assets/runs" ]; then
  mkdir -p "$out/input/assets"
  cp -r "$root/assets/runs" "$out/input/assets/"
fi

common=(@"$here/jpackage-common.txt" --input "$out/input" --module-path "$out/javafx" --dest "$out")

run_jpackage() {
  local type=$1; shift
  echo "== jpackage --type $type"
  [ "$type" = app-image ] && rm -rf "$out/ConvNetStudio"   # an installer leaves the app-image alone
  jpackage --type "$type" "${common[@]}" "$@"
}

# jpackage makes every .deb with a desktop entry depend on xdg-utils, whose recommends pull in a perl
# stack (46 packages on Debian 12); our postinst installs the menu entry without it. Drop it from
# Depends and keep the library dependencies jpackage found.
drop_xdg_utils() {
  local deb work
  deb=$(ls "$out"/convnet-studio_*.deb)
  work=$(mktemp -d)
  dpkg-deb -R "$deb" "$work/pkg"
  sed -i -E '/^Depends:/{s/(, *)?xdg-utils(, *)?/\1/; s/, *$//; s/: *, */: /}' "$work/pkg/DEBIAN/control"
  dpkg-deb --root-owner-group -Zxz -b "$work/pkg" "$deb" >/dev/null
  echo "Depends: $(dpkg-deb -f "$deb" Depends)"
  rm -rf "$work"
}

case "$os:$what" in
  linux:app-image) run_jpackage app-image @"$here/linux/linux.txt" ;;
  linux:deb)       run_jpackage deb @"$here/linux/linux.txt" @"$here/linux/deb.txt"; drop_xdg_utils ;;
  linux:all)       run_jpackage app-image @"$here/linux/linux.txt"
                   run_jpackage deb @"$here/linux/linux.txt" @"$here/linux/deb.txt"; drop_xdg_utils ;;
  windows:*)       run_jpackage "${what/all/msi}" @"$here/windows/windows.txt" ;;
  macos:*)         run_jpackage "${what/all/dmg}" @"$here/macos/macos.txt" ;;
  *) echo "unknown target '$what' for $os (app-image, deb, msi, dmg)" >&2; exit 2 ;;
esac
echo "== done:"; ls -1 "$out" | grep -v -e '^input$' -e '^javafx$'
