#!/bin/sh
# Makes the README pictures (main window, three wizard steps) from the real program against the
# simulated board, under Xvfb: assets/screenshots/*.png. Needs xvfb-run (Debian: xvfb).
set -e
cd "$(dirname "$0")/../.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/screenshots-cp.txt
xvfb-run -a -s "-screen 0 1366x900x24" \
    java -cp "target/test-classes:target/classes:$(cat target/screenshots-cp.txt)" \
    r4rescue.face.fx.Screenshots assets/screenshots
xvfb-run -a -s "-screen 0 1366x900x24" \
    java -cp "target/test-classes:target/classes:$(cat target/screenshots-cp.txt)" \
    r4rescue.face.fx.Screenshots assets/screenshots 1280x800 uart-boot
# The main window in Chinese, beside the English one in the README (needs a CJK font: fonts-wqy-microhei).
zh=$(mktemp -d)
xvfb-run -a -s "-screen 0 1366x900x24" \
    java -Duser.language=zh -Duser.country=CN -cp "target/test-classes:target/classes:$(cat target/screenshots-cp.txt)" \
    r4rescue.face.fx.Screenshots "$zh"
cp "$zh/main-window.png" assets/screenshots/main-window-zh.png
rm -rf "$zh"
