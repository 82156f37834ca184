#!/usr/bin/env bash
# Builds Skywire's installers with jpackage: an app-image, then native packages for this OS.
#
#   installers/build.sh [--types "app-image deb rpm"] [--dest DIR] [--skip-maven]
#
# Linux:   app-image, deb and rpm (default). Needs: fakeroot and dpkg-deb for .deb, rpm (rpmbuild) for .rpm.
# macOS:   installers/build.sh --types "app-image dmg"   Needs: Xcode command line tools (xcode-select --install).
# Windows: bash installers/build.sh --types "app-image msi"   (Git Bash). Needs: WiX Toolset 3 (candle.exe and
#          light.exe on PATH; jpackage of JDK 17 to 23 does not use WiX 4+).
#
# The bundled runtime is the JDK that runs this script ($JAVA_HOME, else the java on PATH): build with JDK 25 to ship
# its faster ChaCha20-Poly1305. It is linked with jlink from the modules jdeps finds in the application plus the
# JavaFX modules, which come from the platform's JavaFX jars (e.g. javafx-*-linux.jar) on the module path.
# The application jars are built first with ./mvnw (MAVEN_ARGS is passed on, e.g. MAVEN_ARGS="-o"), unless
# --skip-maven, in which case app/target/skywire-app.jar and app/target/lib must exist.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERE="$ROOT/installers"
DEST="$ROOT/installers/target"
SKIP_MAVEN=0
case "$(uname -s)" in
  Linux) TYPES="app-image deb rpm"; OS=linux; SEP=":" ;;
  Darwin) TYPES="app-image dmg"; OS=mac; SEP=":" ;;
  MINGW*|MSYS*|CYGWIN*) TYPES="app-image msi"; OS=win; SEP=";" ;;
  *) echo "build.sh: unsupported OS $(uname -s)" >&2; exit 1 ;;
esac

while [[ $# -gt 0 ]]; do
  case "$1" in
    --types) TYPES="$2"; shift 2 ;;
    --dest) DEST="$2"; shift 2 ;;
    --skip-maven) SKIP_MAVEN=1; shift ;;
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [[ -n "${JAVA_HOME:-}" ]]; then JDK="$JAVA_HOME"; else JDK="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"; fi
for tool in jpackage jdeps java; do
  [[ -x "$JDK/bin/$tool" || -x "$JDK/bin/$tool.exe" ]] || { echo "build.sh: $JDK/bin/$tool is missing; set JAVA_HOME to a full JDK 17+" >&2; exit 1; }
done
FEATURE="$("$JDK/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
FEATURE="${FEATURE%%.*}"

need() { command -v "$1" >/dev/null 2>&1 || { echo "build.sh: $2 needs $1 ($3)" >&2; exit 1; }; }
for type in $TYPES; do
  case "$type" in
    deb) need fakeroot .deb "apt-get install fakeroot"; need dpkg-deb .deb "apt-get install dpkg-dev" ;;
    rpm) need rpmbuild .rpm "apt-get install rpm" ;;
    dmg) need hdiutil .dmg "part of macOS"; need codesign .dmg "xcode-select --install" ;;
    msi) need candle.exe .msi "WiX Toolset 3, https://wixtoolset.org"; need light.exe .msi "WiX Toolset 3" ;;
    app-image) ;;
    *) echo "build.sh: unknown package type $type" >&2; exit 2 ;;
  esac
done

prop() { sed -n "s/^$1=//p" "$HERE/common/package.properties"; }

if [[ "$SKIP_MAVEN" -eq 0 ]]; then
  echo "build.sh: building the application jars with ./mvnw ..." >&2
  (cd "$ROOT" && JAVA_HOME="$JDK" ./mvnw -q -B -DskipTests -pl app -am package)
fi
JAR="$ROOT/app/target/skywire-app.jar"
LIB="$ROOT/app/target/lib"
[[ -f "$JAR" && -d "$LIB" ]] || { echo "build.sh: $JAR or $LIB is missing; run without --skip-maven" >&2; exit 1; }
VERSION="$(sed -n 's/^version=//p' "$ROOT/app/target/classes/skywire-version.properties")"
# Package versions are numbers only: 0.1.0-SNAPSHOT becomes 0.1.0.
APP_VERSION="${VERSION%%-*}"

WORK="$DEST/work"
rm -rf "$WORK" && mkdir -p "$WORK/input" "$WORK/javafx" "$WORK/resources" "$DEST"
# JavaFX: the platform jars (with the native libraries) go on the module path; the classifier-less ones are empty.
FX_CLASSIFIER="$OS"
cp "$LIB"/javafx-*-"$FX_CLASSIFIER"*.jar "$WORK/javafx/"
cp "$JAR" "$WORK/input/"
# libsecp256k1's JNI jars for the other systems are left out (about 2.5 MB each).
case "$OS" in linux) OTHER_NATIVE="darwin|mingw" ;; mac) OTHER_NATIVE="linux|mingw" ;; win) OTHER_NATIVE="linux|darwin" ;; esac
for jar in "$LIB"/*.jar; do
  name="$(basename "$jar")"
  [[ "$name" == javafx-* || "$name" =~ ^secp256k1-kmp-jni-jvm-($OTHER_NATIVE)- ]] || cp "$jar" "$WORK/input/"
done

# Puts /usr/bin/skywire on PATH in the Linux packages: jpackage's own install scripts (taken from this JDK, since
# their placeholders differ between JDK versions) with one line added to install and one to remove the link.
link_command_on_path() {
  local templates="$WORK/templates" dir
  "$JDK/bin/jimage" extract --include 'regex:.*/template\.(postinst|prerm|spec)' --dir "$templates" "$JDK/lib/modules"
  dir="$(dirname "$(find "$templates" -name template.postinst)")"
  sed '/^    configure)$/a\    ln -sf /opt/skywire/bin/skywire /usr/bin/skywire' "$dir/template.postinst" >"$WORK/resources/postinst"
  sed '/^    remove|upgrade|deconfigure)$/a\    rm -f /usr/bin/skywire' "$dir/template.prerm" >"$WORK/resources/prerm"
  # rpm runs the new %post before the old %preun on an upgrade: remove the link only when erasing ($1 = 0).
  sed -e '/^%post$/a\ln -sf /opt/skywire/bin/skywire /usr/bin/skywire' \
      -e '/^%preun$/a\if [ "$1" = 0 ]; then rm -f /usr/bin/skywire; fi' "$dir/template.spec" >"$WORK/resources/skywire.spec"
  for file in postinst prerm skywire.spec; do
    grep -q '/usr/bin/skywire' "$WORK/resources/$file" \
      || { echo "build.sh: this JDK's jpackage template for $file has changed; the PATH link is not added" >&2; exit 1; }
  done
}

echo "build.sh: icons from installers/common/skywire.svg ..." >&2
"$JDK/bin/java" -Djava.awt.headless=true "$HERE/tools/RenderIcon.java" "$HERE/common/skywire.svg" "$WORK/icons"
case "$OS" in
  linux) ICON="$WORK/icons/skywire.png"; cp "$HERE/linux/skywire.desktop" "$ICON" "$WORK/resources/"
    link_command_on_path ;;
  mac) ICON="$WORK/icons/skywire.icns" ;;
  win) ICON="$WORK/icons/skywire.ico" ;;
esac

# The runtime's modules: what jdeps finds in the application and its libraries, plus JavaFX (also found, since the
# application imports it) and jdk.crypto.ec where it still exists (a no-op module from JDK 22).
CP="$(cd "$WORK/input" && ls *.jar | sed "s|^|$WORK/input/|" | tr '\n' "$SEP")"
MODULES="$("$JDK/bin/jdeps" -q --multi-release "$FEATURE" --ignore-missing-deps --print-module-deps \
  --module-path "$WORK/javafx" --class-path "$CP" "$WORK"/input/*.jar)"
MODULES="$(echo "$MODULES,javafx.controls,javafx.fxml,jdk.unsupported" | tr ',' '\n' | sort -u | paste -sd, -)"
echo "build.sh: runtime modules: $MODULES" >&2

JAVA_OPTIONS=()
if [[ "$FEATURE" -ge 24 ]]; then
  # Netty turns Unsafe off on 24+ unless allowed (half the forwarding speed); JNI (epoll, libsecp256k1, JavaFX)
  # asks for native access.
  JAVA_OPTIONS+=(--java-options "--enable-native-access=ALL-UNNAMED,javafx.graphics --sun-misc-unsafe-memory-access=allow")
fi

COMMON=(
  --name "$(prop name)" --app-version "$APP_VERSION" --vendor "$(prop vendor)"
  --description "$(prop description)" --copyright "$(prop vendor)"
  --input "$WORK/input" --main-jar skywire-app.jar --main-class io.skywire.app.Main
  --module-path "$WORK/javafx" --add-modules "$MODULES"
  --jlink-options "--strip-debug --no-header-files --no-man-pages --strip-native-commands"
  --icon "$ICON" "${JAVA_OPTIONS[@]}"
)

echo "build.sh: app-image ..." >&2
rm -rf "$DEST/$(prop name)" "$DEST/$(prop title).app"
"$JDK/bin/jpackage" --type app-image --dest "$DEST" "${COMMON[@]}"
IMAGE="$DEST/$(prop name)"
[[ "$OS" == mac ]] && IMAGE="$DEST/$(prop name).app"

for type in $TYPES; do
  [[ "$type" == app-image ]] && continue
  echo "build.sh: $type ..." >&2
  PACKAGE=(--type "$type" --dest "$DEST" --app-image "$IMAGE" --name "$(prop name)" --app-version "$APP_VERSION"
    --vendor "$(prop vendor)" --description "$(prop description)" --about-url "$(prop homepage)")
  case "$type" in
    deb|rpm)
      # libgtk-3-0 for JavaFX's glass; the rest of what JavaFX loads (X11, freetype, fontconfig, pango) comes with it.
      PACKAGE+=(--resource-dir "$WORK/resources" --linux-package-name "$(prop name)"
        --linux-deb-maintainer "$(prop maintainer | sed 's/.*<\(.*\)>/\1/')"
        --linux-menu-group "$(prop linux.menu-group)" --linux-app-category "$(prop linux.category)"
        --linux-rpm-license-type "$(prop license)" --linux-app-release 1 --linux-shortcut)
      if [[ "$type" == deb ]]; then
        PACKAGE+=(--linux-package-deps "libgtk-3-0, libgl1, fontconfig, fonts-dejavu-core")
      else
        PACKAGE+=(--linux-package-deps "gtk3, mesa-libGL, fontconfig, dejavu-sans-fonts")
      fi ;;
    dmg) PACKAGE+=(--mac-package-name "$(prop title)") ;;
    msi) PACKAGE+=(--win-menu --win-menu-group "$(prop title)" --win-shortcut --win-console --win-dir-chooser
      --win-upgrade-uuid 6d1f3c2a-7b1e-4f53-9a3e-5c8b2f0e4d11) ;;
  esac
  "$JDK/bin/jpackage" "${PACKAGE[@]}"
done
ls -l "$DEST"/*.deb "$DEST"/*.rpm "$DEST"/*.dmg "$DEST"/*.msi 2>/dev/null || true
