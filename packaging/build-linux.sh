#!/usr/bin/env bash
# Builds the Linux installers from target/r4-rescue.jar into target/packages/:
#   r4-rescue_<version>-1_amd64.deb   (needs dpkg-deb and fakeroot)
#   r4-rescue-<version>-1.x86_64.rpm  (needs rpmbuild; skipped with a message when absent)
# Usage: packaging/build-linux.sh [deb] [rpm]      (default: both)
# The JDK's jlink/jpackage are used from $JAVA_HOME (Maven passes the JDK it runs on).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
conf() { sed -n "s/^$1=//p" "$here/app.properties"; }

java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
jar=$root/target/$(conf main.jar)
out=$root/target/packages
work=$out/work
name=$(conf name)

[ -f "$jar" ] || { echo "build-linux: $jar is missing; run 'mvn -B -DskipTests package' first" >&2; exit 1; }
for tool in jlink jpackage; do
  [ -x "$java_home/bin/$tool" ] || { echo "build-linux: $java_home/bin/$tool not found (a full JDK 17+ is needed)" >&2; exit 1; }
done
# The version comes from the jar itself, so the package and 'r4-rescue --version' always agree.
version=$(unzip -p "$jar" r4rescue/version.properties | sed -n 's/^version=//p')
[ -n "$version" ] || { echo "build-linux: no version in $jar" >&2; exit 1; }

types=("$@")
[ ${#types[@]} -gt 0 ] || types=(deb rpm)

rm -rf "$work"
mkdir -p "$work/input" "$out"
cp "$jar" "$work/input/"
# JavaFX loads its native libraries from beside its jar when they are there; from inside the jar it copies
# them to ~/.openjfx/cache and MD5-hashes both copies at every start.
mapfile -t fxlibs < <(unzip -Z1 "$jar" | grep -E '^lib[^/]+\.so$')
[ ${#fxlibs[@]} -gt 0 ] || { echo "build-linux: no JavaFX native libraries in $jar (Linux jars of org.openjfx?)" >&2; exit 1; }
unzip -q -o "$jar" "${fxlibs[@]}" -d "$work/input"

echo "build-linux: runtime from jlink ($(conf modules))"
# shellcheck disable=SC2046 # jlink.options is a list of words
"$java_home/bin/jlink" --add-modules "$(conf modules)" $(conf jlink.options) --output "$work/runtime"
# The archive for heaps over 32 GB is 11 MB this program never uses.
rm -f "$work/runtime/lib/server/classes_nocoops.jsa"

echo "build-linux: application image"
"$java_home/bin/jpackage" --type app-image --dest "$work/image" \
  --name "$name" --app-version "$version" --vendor "$(conf vendor)" --copyright "$(conf copyright)" \
  --description "$(conf description)" \
  --input "$work/input" --main-jar "$(conf main.jar)" --main-class "$(conf main.class)" \
  --runtime-image "$work/runtime" --java-options "$(conf java.options)" \
  --icon "$root/assets/icons/r4-rescue-256.png"
app=$work/image/$name

# Files that belong outside /opt (the PATH command, udev rule, desktop entry, icons): they ride in the image under lib/system and each package moves
# them to / (the .deb by repacking, the .rpm in its spec), so the package manager owns them.
sys=$app/lib/system
# The command on the PATH starts the bundled Java itself: jpackage 17's native launcher asks rpm
# and dpkg which package owns it at every start, which costs a quarter of a second.
mkdir -p "$sys/usr/bin"
# AppCDS: Java 17 cannot make the archive by itself (AutoCreateSharedArchive came in 19), so the
# first start writes the classes it loaded to the user's cache and later starts map them (about
# 0.3 s saved). Made per user and version at first run, not at build time, because the archive
# must match the installed jar's path and time. It also holds to the runtime's own class archive,
# which jlink makes anew at every build. So the name carries the hash of both: a rebuilt package of
# the same version makes a new archive and drops the old one. An archive that no longer matches is
# ignored by -Xshare:auto at every start and, under the same name, never replaced.
stamp=$(cat "$jar" "$app/lib/runtime/lib/server/classes.jsa" | sha256sum | cut -c1-12)
cat > "$sys/usr/bin/$name" <<SCRIPT
#!/bin/sh
# $(conf title) command line (no arguments: the window). Made by packaging/build-linux.sh.
cds="\${XDG_CACHE_HOME:-\$HOME/.cache}/$name/classes-$version-$stamp.jsa"
if [ -f "\$cds" ]; then
  share="-XX:SharedArchiveFile=\$cds"
elif mkdir -p "\${cds%/*}" 2>/dev/null; then
  rm -f "\${cds%/*}"/classes-*.jsa
  share="-XX:ArchiveClassesAtExit=\$cds"
fi
exec /opt/$name/lib/runtime/bin/java $(conf java.options) -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off \\
  \${share:-} -Djpackage.app-version=$version -cp /opt/$name/lib/app/$(conf main.jar) $(conf main.class) "\$@"
SCRIPT
chmod 755 "$sys/usr/bin/$name"
install -D -m 644 "$here/linux/60-r4-rescue.rules" "$sys/usr/lib/udev/rules.d/60-r4-rescue.rules"
install -D -m 644 "$here/linux/r4-rescue.desktop" "$sys/usr/share/applications/r4-rescue.desktop"
install -D -m 644 "$root/assets/icons/r4-rescue.svg" "$sys/usr/share/icons/hicolor/scalable/apps/r4-rescue.svg"
for size in 16 24 32 48 64 128 256 512; do
  install -D -m 644 "$root/assets/icons/r4-rescue-$size.png" \
    "$sys/usr/share/icons/hicolor/${size}x${size}/apps/r4-rescue.png"
done

common=(--app-image "$app" --name "$name" --app-version "$version" --vendor "$(conf vendor)"
        --copyright "$(conf copyright)" --description "$(conf description)"
        --license-file "$here/LICENSE" --linux-app-category devel --dest "$out")

build_deb() {
  for tool in dpkg-deb fakeroot; do
    command -v "$tool" >/dev/null || { echo "build-linux: no $tool, cannot build the .deb (apt-get install dpkg-dev fakeroot)" >&2; return 1; }
  done
  echo "build-linux: .deb"
  "$java_home/bin/jpackage" --type deb "${common[@]}" --resource-dir "$here/linux/deb" \
    --linux-deb-maintainer "r4-rescue@users.noreply.github.com" --linux-package-deps "$(conf deb.depends)"
  local deb=$out/${name}_${version}-1_amd64.deb tree=$work/deb-tree
  # Repack: move lib/system to /, fix the size.
  dpkg-deb -R "$deb" "$tree"
  cp -a "$tree/opt/$name/lib/system/." "$tree/"
  rm -rf "$tree/opt/$name/lib/system"
  sed -i "s/^Installed-Size:.*/Installed-Size: $(du -sk --exclude=DEBIAN "$tree" | cut -f1)/" "$tree/DEBIAN/control"
  # jpackage has no option for Recommends
  sed -i "/^Depends:/a Recommends: $(conf deb.recommends)" "$tree/DEBIAN/control"
  dpkg-deb --root-owner-group -Zxz -b "$tree" "$deb" >/dev/null
  echo "build-linux: wrote $deb"
}

build_rpm() {
  if ! command -v rpmbuild >/dev/null; then
    echo "build-linux: rpmbuild not found, .rpm NOT built (Debian/Ubuntu: apt-get install rpm)"
    return 0
  fi
  echo "build-linux: .rpm"
  "$java_home/bin/jpackage" --type rpm "${common[@]}" --resource-dir "$here/linux/rpm" \
    --linux-package-deps "$(conf rpm.depends)"
  echo "build-linux: wrote $(ls "$out"/"$name"-"$version"-1.*.rpm)"
}

for type in "${types[@]}"; do
  case "$type" in
    deb) build_deb ;;
    rpm) build_rpm ;;
    *) echo "build-linux: unknown package type '$type' (deb or rpm)" >&2; exit 2 ;;
  esac
done
