#!/usr/bin/env bash
# Reruns the desktop app's screenshot tests (headless TestFX, Monocle) and copies the PNGs they write to
# app/target/screenshots/ into docs/images/, where README.md shows them. Run it from anywhere when a screen changes;
# extra arguments go to Maven (e.g. -o -Dmaven.repo.local=/tmp/m2).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
screens=(dashboard route-map gateways wallet wizard)
for screen in "${screens[@]}"; do rm -f "app/target/screenshots/$screen.png"; done
./mvnw -q -B "$@" -pl app -am test \
    -Dtest='DesktopWindowTest,RouteMapWindowTest,WalletScreenTest,FirstRunWizardTest' \
    -Dsurefire.failIfNoSpecifiedTests=false
for screen in "${screens[@]}"; do
    src="app/target/screenshots/$screen.png"
    if [[ ! -f "$src" ]]; then
        echo "update.sh: $src was not written by the tests" >&2
        exit 1
    fi
    cp "$src" "docs/images/$screen.png"
    size=$(stat -c %s "docs/images/$screen.png")
    echo "docs/images/$screen.png: $((size / 1024)) KB"
    if (( size > 400 * 1024 )); then
        echo "update.sh: docs/images/$screen.png is over 400 KB" >&2
    fi
done
