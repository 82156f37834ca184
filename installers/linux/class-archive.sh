#!/usr/bin/env bash
# Makes the installed app's class-data archive (lib/app/skywire.jsa) in a jpackage app-image. Run by installers/build.sh
# inside a private mount namespace (and network namespace, when iproute2 is there), never by hand:
#
#   class-archive.sh IMAGE INSTALL_DIR NAME MONOCLE_JAR WORK
#
# 1. IMAGE is bind-mounted on INSTALL_DIR (/opt/skywire, where the .deb and .rpm put it): the JVM records the class
#    path's absolute paths in the archive and ignores the archive under any other path, so it is made where it is used.
# 2. A training run: the packaged launcher with headless Monocle and the software renderer added (a copy of the
#    launcher with its own .cfg, removed afterwards), `gui` over a throwaway wallet, until the window logs "window
#    ready" (the first frame with the running test network on its status bar), then SIGTERM; the JVM lists every
#    class it loaded (-XX:DumpLoadedClassList).
# 3. The dump: the packaged launcher (a copy), with the package's own class path (no Monocle), `-Xshare:dump` from that
#    list (a static archive: the JDK's classes and the app's; Monocle's are left out of the list).
# 4. The check: `skywire --version` must load classes from the archive.
# Each step is bounded in time. Exit 0 with lib/app/NAME.jsa in IMAGE, else non-zero with the reason on stderr.
set -euo pipefail

IMAGE="$1" INSTALL="$2" NAME="$3" MONOCLE="$4" WORK="$5"
TRAIN_SECONDS="${SKYWIRE_TRAIN_SECONDS:-240}"
ARCHIVE_NAME="$NAME.jsa"

fail() { echo "class-archive: $*" >&2; exit 1; }

# Only this namespace sees the mounts. Without an INSTALL_DIR on this machine its parent gets an empty tmpfs.
mount --make-rprivate / 2>/dev/null || true
if [[ ! -d "$INSTALL" ]]; then
  mount -t tmpfs -o mode=0755 tmpfs "$(dirname "$INSTALL")" || fail "cannot mount a tmpfs on $(dirname "$INSTALL")"
  mkdir "$INSTALL"
fi
mount --bind "$IMAGE" "$INSTALL" || fail "cannot bind-mount $IMAGE on $INSTALL"
if [[ "${SKYWIRE_TRAIN_NETNS:-}" == 1 ]]; then
  ip link set lo up || fail "cannot bring up the loopback interface of the training's network namespace"
fi

LAUNCHER="$INSTALL/bin/$NAME"
CFG="$INSTALL/lib/app/$NAME.cfg"
T="$WORK/class-archive"
rm -rf "$T" && mkdir -p "$T"
COPIES=()
cleanup() {
  [[ -n "${TRAINING_PID:-}" ]] && kill -KILL "$TRAINING_PID" 2>/dev/null
  rm -f "${COPIES[@]}"
}
trap cleanup EXIT
rm -f "$INSTALL/lib/app/$ARCHIVE_NAME"

# A throwaway wallet, so that the window opens as a returning user's does (unlocked from a file, no dialog).
echo "class-archive-training" >"$T/password"
env -u JAVA_TOOL_OPTIONS timeout 120 "$LAUNCHER" wallet new --data-dir "$T/data" --password-file "$T/password" \
  >"$T/wallet.log" 2>&1 || fail "skywire wallet new failed: $(tail -5 "$T/wallet.log")"

# A copy of the launcher with its own options: jpackage's launcher reads the .cfg named after its own file. This one's
# .cfg is the package's with MONOCLE (or nothing) appended to the class path and OPTIONS (one a line) to the JVM's.
launcher_copy() {
  local copy="$1" monocle="$2" options="$3"
  cp "$LAUNCHER" "$INSTALL/bin/$copy"
  COPIES+=("$INSTALL/bin/$copy" "$INSTALL/lib/app/$copy.cfg")
  awk -v monocle="$monocle" -v options="$options" '
    function add_monocle() { if (app && !added && monocle != "") { print "app.classpath=" monocle; added = 1 } }
    /^\[/ { add_monocle(); app = ($0 == "[Application]") }
    { print }
    $0 == "[JavaOptions]" { n = split(options, lines, "\n"); for (i = 1; i <= n; i++) print "java-options=" lines[i] }
    END { add_monocle() }' "$CFG" >"$INSTALL/lib/app/$copy.cfg"
  grep -q '^\[JavaOptions\]' "$CFG" || fail "no [JavaOptions] in $CFG"
}

# The training launcher: headless Monocle (its packages reach into javafx.graphics) and the software renderer.
exports=""
for package in com.sun.glass.events com.sun.glass.ui com.sun.glass.ui.delegate com.sun.glass.utils com.sun.javafx.tk \
    com.sun.javafx.util; do
  exports+="--add-exports=javafx.graphics/$package=ALL-UNNAMED"$'\n'
done
launcher_copy "$NAME-training" "$MONOCLE" "-Dglass.platform=Monocle
-Dmonocle.platform=Headless
-Dprism.order=sw
-Dskywire.log.level=INFO
-XX:DumpLoadedClassList=$T/classes.lst
$exports--add-exports=javafx.base/com.sun.javafx.logging=ALL-UNNAMED"
TRAINER="$INSTALL/bin/$NAME-training"

env -u JAVA_TOOL_OPTIONS "$TRAINER" gui --data-dir "$T/data" --password-file "$T/password" --socks-port 0 \
  --http-port 0 >"$T/training.log" 2>&1 &
TRAINING_PID=$!
started=$SECONDS
deadline=$((SECONDS + TRAIN_SECONDS))
until grep -qs "window ready" "$T/training.log"; do
  if ! kill -0 "$TRAINING_PID" 2>/dev/null; then
    fail "the training window exited before it was ready:
$(tail -20 "$T/training.log")"
  fi
  if [[ $SECONDS -ge $deadline ]]; then
    fail "the training window was not ready within $TRAIN_SECONDS s (SKYWIRE_TRAIN_SECONDS):
$(tail -20 "$T/training.log")"
  fi
  sleep 0.5
done
ready=$((SECONDS - started))
# SIGTERM closes it as Ctrl-C would (the shutdown hook stops the network); the class list is complete at exit.
kill -TERM "$TRAINING_PID"
deadline=$((SECONDS + 60))
while kill -0 "$TRAINING_PID" 2>/dev/null; do
  [[ $SECONDS -ge $deadline ]] && fail "the training window did not stop within 60 s of SIGTERM"
  sleep 0.5
done
wait "$TRAINING_PID" 2>/dev/null || true
TRAINING_PID=""
rm -rf "$T/data"
[[ -s "$T/classes.lst" ]] || fail "the training run wrote no class list"
# Monocle is the training's only: its classes (and lambdas) are not on the package's class path.
grep -v 'com/sun/glass/ui/monocle/' "$T/classes.lst" >"$T/package-classes.lst"

# The dump, with the package's class path: the archive records it. -Xshare:dump among the launcher's own options (not
# in JAVA_TOOL_OPTIONS), so that the launcher stops after the dump rather than run the app (JDK 25 needs that).
started=$SECONDS
launcher_copy "$NAME-dump" "" "-Xshare:dump
-XX:SharedClassListFile=$T/package-classes.lst
-XX:SharedArchiveFile=$INSTALL/lib/app/$ARCHIVE_NAME"
env -u JAVA_TOOL_OPTIONS timeout 300 "$INSTALL/bin/$NAME-dump" >"$T/dump.log" 2>&1 \
  || fail "the dump (-Xshare:dump) failed: $(grep -v '\[warning\]' "$T/dump.log" | tail -10)"
[[ -s "$INSTALL/lib/app/$ARCHIVE_NAME" ]] || fail "the dump wrote no archive: $(tail -10 "$T/dump.log")"
dumped=$((SECONDS - started))

# The check: the packaged launcher, with the options the package will have, loads classes from it.
env JAVA_TOOL_OPTIONS="-XX:SharedArchiveFile=$INSTALL/lib/app/$ARCHIVE_NAME -Xshare:on -Xlog:class+load=info" \
  timeout 60 "$LAUNCHER" --version >"$T/check.log" 2>&1 \
  || fail "the launcher does not start with the archive (-Xshare:on): $(tail -10 "$T/check.log")"
shared="$(grep -c 'source: shared objects file' "$T/check.log" || true)"
[[ "$shared" -gt 0 ]] || fail "skywire --version loaded no class from the archive: $(tail -10 "$T/check.log")"
echo "class-archive: the training window was ready in $ready s and listed $(grep -c -v '^#' "$T/package-classes.lst") \
classes; the dump took $dumped s; skywire --version loads $shared classes from the archive"
