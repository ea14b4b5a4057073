package r4rescue.procedure.flash;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import r4rescue.board.Medium;
import r4rescue.procedure.core.Stopped;
import r4rescue.protocol.uboot.CommandResult;

/**
 * Asks U-Boot what storage this board has, read-only, and only about the media the image could go
 * to: {@code mtd list}; {@code ubi part NAME} and {@code ubi info l} for layouts with UBI volumes;
 * {@code mmc dev 0}, {@code mmc part} and {@code mmc partconf 0} (answered only by an eMMC) for MMC layouts.
 */
final class StorageProbe {

    private final BoardCommands cmd;

    StorageProbe(BoardCommands cmd) {
        this.cmd = cmd;
    }

    BoardStorage probe(List<FlashLayouts.Layout> candidates) throws IOException, Stopped {
        boolean needMtd = false;
        boolean needMmc = false;
        Set<String> ubiParts = new LinkedHashSet<>();
        for (FlashLayouts.Layout l : candidates) {
            for (FlashLayouts.Placement p : l.places().values()) {
                switch (p.method()) {
                    case MTD, MTD_COPIES -> needMtd = true;
                    case UBI_VOLUME -> {
                        needMtd = true;
                        ubiParts.add(p.mtd());
                    }
                    case MMC_BOOT0, MMC_GPT -> needMmc = true;
                    default -> { }
                }
            }
        }
        List<String> notes = new ArrayList<>();
        List<BoardStorage.MtdPart> mtd = List.of();
        String ubiMtd = null;
        List<BoardStorage.UbiVolume> ubi = List.of();
        if (needMtd) {
            CommandResult r = cmd.run("mtd list", BoardCommands.SHORT);
            if (r.ok()) {
                mtd = BoardStorage.parseMtdList(r.output());
            } else {
                notes.add("'mtd list' failed: " + BoardCommands.shown(r));
            }
        }
        BoardStorage partial = new BoardStorage(mtd, null, List.of(), List.of(), null, notes);
        for (String name : ubiParts) {
            BoardStorage.MtdPart p = partial.mtdPart(name);
            if (p == null) {
                continue;
            }
            CommandResult r = cmd.run("ubi part " + p.name(), BoardCommands.LONG);
            if (!r.ok()) {
                notes.add("UBI in " + p.name() + " could not be attached: " + BoardCommands.shown(r));
                continue;
            }
            CommandResult info = cmd.run("ubi info l", BoardCommands.SHORT);
            if (info.ok()) {
                ubiMtd = p.name();
                ubi = BoardStorage.parseUbiInfo(info.output());
                break;
            }
            notes.add("'ubi info l' failed: " + BoardCommands.shown(info));
        }
        List<BoardStorage.MmcPart> mmc = List.of();
        Medium mmcMedium = null;
        if (needMmc) {
            CommandResult dev = cmd.run("mmc dev 0", BoardCommands.SHORT);
            if (dev.ok()) {
                CommandResult part = cmd.run("mmc part", BoardCommands.SHORT);
                mmc = part.ok() ? BoardStorage.parseMmcPart(part.output()) : List.of();
                // PARTITION_CONFIG exists on an eMMC only; an SD card refuses the query.
                CommandResult conf = cmd.run("mmc partconf 0", BoardCommands.SHORT);
                mmcMedium = conf.ok() ? Medium.EMMC : Medium.SD;
            } else {
                notes.add("no MMC device: " + BoardCommands.shown(dev));
            }
        }
        return new BoardStorage(mtd, ubiMtd, ubi, mmc, mmcMedium, List.copyOf(notes));
    }
}
