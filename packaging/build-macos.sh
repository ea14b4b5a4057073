#!/usr/bin/env bash
# Builds the macOS disk image target/packages/R4 Rescue-<version>.dmg.
# NOT TESTED: written to the same configuration as build-linux.sh, but no Mac was available.
# Needs a JDK 17+ and Maven. The .app is not signed or notarised: Gatekeeper asks the user to
# open it with right-click > Open the first time.
# Usage: packaging/build-macos.sh        (builds for the Mac it runs on: Intel or Apple silicon)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
conf() { sed -n "s/^$1=//p" "$here/app.properties"; }
cd "$root"

# The jar must carry JavaFX's macOS natives for this CPU.
platform=mac
[ "$(uname -m)" = arm64 ] && platform=mac-aarch64
mvn -B -DskipTests "-Djavafx.platform=$platform" package

java_home=${JAVA_HOME:-$(/usr/libexec/java_home)}
jar=target/$(conf main.jar)
version=$(unzip -p "$jar" r4rescue/version.properties | sed -n 's/^version=//p')
out=target/packages
work=$out/work
rm -rf "$work"
mkdir -p "$work/input"
cp "$jar" "$work/input/"

# shellcheck disable=SC2046 # jlink.options is a list of words
"$java_home/bin/jlink" --add-modules "$(conf modules)" $(conf jlink.options) --output "$work/runtime"

# A macOS bundle version may not start with 0; for 0.x builds jpackage's default (1.0) is kept.
# The program itself shows the real version (About box, --version).
version_opt=(--app-version "$version")
[ "${version%%.*}" = 0 ] && version_opt=()

"$java_home/bin/jpackage" --type dmg --dest "$out" \
  --name "$(conf title)" ${version_opt[@]+"${version_opt[@]}"} --vendor "$(conf vendor)" \
  --copyright "$(conf copyright)" --description "$(conf description)" --license-file "$here/LICENSE" \
  --input "$work/input" --main-jar "$(conf main.jar)" --main-class "$(conf main.class)" \
  --runtime-image "$work/runtime" --java-options "$(conf java.options)" \
  --icon "$root/assets/icons/r4-rescue.icns" \
  --mac-package-identifier io.r4rescue.app --mac-package-name "R4 Rescue"
ls -l "$out"/*.dmg
