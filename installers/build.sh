#!/usr/bin/env bash
# Builds Skywire's installers with jpackage: an app-image, then native packages for this OS.
#
#   installers/build.sh [--types "app-image deb rpm"] [--dest DIR] [--skip-maven] [--no-class-archive] [--monocle JAR]
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
# On Linux the app-image gets a class-data archive for /opt/skywire (installers/linux/class-archive.sh: a headless
# training window, needs unshare and Monocle, which --monocle names or Maven fetches); --no-class-archive leaves it out.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERE="$ROOT/installers"
DEST="$ROOT/installers/target"
SKIP_MAVEN=0
CLASS_ARCHIVE=1
MONOCLE=""
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
    --no-class-archive) CLASS_ARCHIVE=0; shift ;;
    --monocle) MONOCLE="$2"; shift 2 ;;
    -h|--help) sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
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
# The packages' file times (dpkg-deb and rpmbuild clamp to it; reproducible builds set it): the jar's build time.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(stat -c %Y "$JAR" 2>/dev/null || date +%s)}"
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
  # The files keep the app-image's times, clamped to SOURCE_DATE_EPOCH as dpkg-deb does (see class_archive).
  sed -e '1i %define clamp_mtime_to_source_date_epoch 1' \
      -e '/^%post$/a\ln -sf /opt/skywire/bin/skywire /usr/bin/skywire' \
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

# The class-data archive (docs/ARCHITECTURE.md, "A class-data archive in the packages"): made here, since the installed
# app's directory is read-only and JDK 17 cannot make one on a first run. The JVM uses it only under the path it was
# made at, so it is made for the packages' /opt/skywire, seen there through a private mount namespace (unshare).
# Where that cannot be done (not Linux, no unshare or namespaces) the packages are built without it, with a warning:
# they work as before, only slower to start. A training or dump that fails fails the build: the window did not open
# headless in the packaged runtime, which is worth stopping for (--no-class-archive builds anyway).
class_archive() {
  local install="/opt/$(prop name)" ns=() netns=0
  if [[ "$OS" != linux ]]; then
    echo "build.sh: warning: no class-data archive (made on Linux only); the app starts without it" >&2; return
  fi
  case "$WORK/" in "$(dirname "$install")"/*)
    echo "build.sh: warning: no class-data archive (--dest is under $(dirname "$install"))" >&2; return ;;
  esac
  if [[ "$(id -u)" -eq 0 ]]; then ns=(unshare --mount); else ns=(unshare --map-root-user --mount); fi
  if ! command -v unshare >/dev/null 2>&1 || ! "${ns[@]}" true 2>/dev/null; then
    echo "build.sh: warning: no class-data archive (needs a private mount namespace: unshare from util-linux, and" \
      "root or user namespaces); the app starts without it" >&2; return
  fi
  # Loopback only: a network namespace of its own when iproute2 can bring its loopback up.
  if command -v ip >/dev/null 2>&1 && "${ns[@]}" --net ip link set lo up 2>/dev/null; then ns+=(--net); netns=1; fi
  if [[ -z "$MONOCLE" ]]; then
    local version
    version="$(sed -n 's:.*<monocle.version>\(.*\)</monocle.version>.*:\1:p' "$ROOT/pom.xml")"
    (cd "$ROOT" && JAVA_HOME="$JDK" ./mvnw -q -B dependency:copy -Dartifact="org.testfx:openjfx-monocle:$version" \
      -DoutputDirectory="$WORK/monocle") \
      || { echo "build.sh: cannot get Monocle $version for the training window; pass --monocle JAR" >&2; exit 1; }
    MONOCLE="$WORK/monocle/openjfx-monocle-$version.jar"
  fi
  [[ -f "$MONOCLE" ]] || { echo "build.sh: --monocle $MONOCLE: no such file" >&2; exit 1; }
  mkdir -p "$WORK/training" && cp "$MONOCLE" "$WORK/training/monocle.jar"
  # The JVM checks each jar's modification time against the archive's; jpackage copies the image into the packages
  # with new times, which dpkg-deb and rpmbuild (clamp_mtime_to_source_date_epoch in the spec) clamp to
  # SOURCE_DATE_EPOCH: the image's jars get that time before the archive is made, so the installed ones have it too.
  find "$IMAGE/lib/app" -name '*.jar' -exec touch -m -d "@$SOURCE_DATE_EPOCH" {} +
  echo "build.sh: class-data archive: a headless training window in the packaged runtime, as $install ..." >&2
  if ! "${ns[@]}" env SKYWIRE_TRAIN_NETNS="$netns" bash "$HERE/linux/class-archive.sh" "$IMAGE" "$install" \
      "$(prop name)" "$WORK/training/monocle.jar" "$WORK" >&2; then
    echo "build.sh: the class-data archive failed (above; logs in $WORK/class-archive); --no-class-archive builds" \
      "the packages without it" >&2
    exit 1
  fi
  # The package's JVM maps it; -Xshare:auto: an archive it cannot use (moved, damaged, another path) is ignored.
  awk '{ print } $0 == "[JavaOptions]" {
    print "java-options=-XX:SharedArchiveFile=$APPDIR/'"$(prop name)"'.jsa"; print "java-options=-Xshare:auto" }' \
    "$IMAGE/lib/app/$(prop name).cfg" >"$WORK/launcher.cfg"
  cp "$WORK/launcher.cfg" "$IMAGE/lib/app/$(prop name).cfg"
  local size
  size="$(stat -c %s "$IMAGE/lib/app/$(prop name).jsa")"
  echo "build.sh: class-data archive lib/app/$(prop name).jsa, $((size >> 20)) MB" >&2
}
if [[ "$CLASS_ARCHIVE" -eq 1 ]]; then class_archive; fi

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
