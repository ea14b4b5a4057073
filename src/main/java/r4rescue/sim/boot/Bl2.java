package r4rescue.sim.boot;

import r4rescue.board.ImageInfo;
import r4rescue.board.ImageInspector;
import r4rescue.board.ImageKind;
import r4rescue.board.Medium;
import r4rescue.sim.StageTexts;
import r4rescue.sim.SimBoard;
import r4rescue.sim.uboot.UBoot;

/**
 * TF-A BL2 and BL31: DRAM set-up, then the FIP from the medium's place (UBI volume {@code fip}
 * on OpenWrt NAND, raw {@code fip} partition on the MTK SDK layout, GPT {@code fip} on MMC).
 * A missing or corrupt FIP stops here with TF-A's own error lines.
 */
public final class Bl2 {

    private final SimBoard board;
    private final Medium medium;

    public Bl2(SimBoard board, Medium medium) {
        this.board = board;
        this.medium = medium;
    }

    public void run() {
        board.event("bl2");
        StageTexts t = board.text();
        String variant = t.text("bl2", board.state().mtkSdk() ? "variantMtkSdk" : "variant", medium.name());
        String wdt = t.text("bl2", board.state().warmReset ? "wdtWarm" : "wdtCold");
        for (String line : t.lines("bl2", "head")) {
            board.println(line.replace("{variant}", variant).replace("{wdt}", wdt));
        }
        board.pause(300);
        for (String line : t.lines("bl2", board.state().ramGiB >= 8 ? "emi8" : "emi4")) {
            board.pause(120);
            board.println(line);
        }
        if (medium == Medium.SNAND) {
            t.lines("bl2", "snand").forEach(board::println);
            if (!board.state().mtkSdk()) {
                board.pause(150);
                for (String line : t.lines("bl2", "ubi")) {
                    board.println(line);
                    board.pause(40);
                }
            }
        } else {
            t.lines("bl2", "mmcFip").forEach(board::println);
        }
        byte[] fip = Media.fip(board.state(), medium);
        String failure = null;
        if (fip == null) {
            failure = t.text("bl2", "loadFailed").replace("{id}", "3").replace("{err}", "-2");
        } else {
            ImageInfo info = board.state().profile().images().inspect(fip);
            if (info.kind() != ImageKind.FIP) {
                board.println(t.text("bl2", "fipHeaderBad"));
                failure = t.text("bl2", "loadFailed").replace("{id}", "3").replace("{err}", "-2");
            } else if (!info.ok()) {
                boolean truncated = info.problems().stream().anyMatch(p -> p.startsWith("truncated"));
                boolean noBl31 = info.problems().contains("no BL31 inside");
                failure = t.text("bl2", "loadFailed").replace("{id}", noBl31 || truncated ? "3" : "5")
                        .replace("{err}", truncated ? "-5" : "-2");
            }
        }
        board.pause(100);
        if (failure != null) {
            board.println(failure);
            board.event("bl2-failed");
            board.hang();
        }
        board.println(t.text("bl2", "booting"));
        board.event("bl31");
        for (String line : t.lines("bl31", "lines")) {
            board.println(line.replace("{variant}", variant));
        }
        board.pause(200);
        new UBoot(board, medium).run();
    }
}
