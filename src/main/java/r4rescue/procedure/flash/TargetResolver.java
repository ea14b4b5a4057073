package r4rescue.procedure.flash;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import r4rescue.board.Medium;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Stopped;
import r4rescue.util.Message;
import r4rescue.util.Texts;

/**
 * Picks the layout this board has for an image, from what its U-Boot reported: a layout applies
 * when every place it names exists (so OpenWrt's NAND layout, with the FIP in a UBI volume, is told
 * from the MediaTek SDK's raw {@code fip} partition), and MMC layouts only on their own medium.
 */
final class TargetResolver {

    private final FlashLayouts layouts;

    TargetResolver(FlashLayouts layouts) {
        this.layouts = layouts;
    }

    /** Which media to ask the board about for this image. */
    List<FlashLayouts.Layout> candidates(FlashImage img) {
        return img.hinted() ? layouts.layouts() : layouts.on(img.medium());
    }

    /**
     * @throws FlashRefused  the place is too small, or more than one place fits and the file does not say which
     * @throws Stopped      no known place exists on this board (flash untouched)
     */
    FlashTarget resolve(BoardStorage st, FlashImage img) throws Stopped {
        List<FlashTarget> found = new ArrayList<>();
        for (FlashLayouts.Layout l : candidates(img)) {
            if (!applies(l, st)) {
                continue;
            }
            FlashTarget t = target(l, img.role(), st);
            if (t != null) {
                found.add(t);
            }
        }
        if (found.size() > 1 && img.hinted()) {
            List<FlashTarget> onHint = found.stream().filter(t -> t.layout().medium() == img.medium()).toList();
            if (!onHint.isEmpty()) {
                found = onHint;
            }
        }
        if (found.isEmpty()) {
            throw new Stopped(Stopped.Kind.BOARD_SAID_NO, FlashStep.FIND_LAYOUT.message(),
                    Message.of(img.medium() == null || img.hinted() ? "proc.target.noKnownPlace" : "proc.target.noKnownPlaceOn",
                            img.role().kind().label(), st.describe(),
                            candidates(img).stream().map(FlashLayouts.Layout::label).collect(Collectors.joining("; ")),
                            img.medium() == null ? "" : img.medium().label()),
                    BoardState.untouched(Message.of("proc.target.flashUntouchedNothingWas")), null);
        }
        if (found.size() > 1) {
            throw new FlashRefused(Message.of("proc.target.moreThanOnePlace", img.role().lower(),
                    found.stream().map(t -> t.layout().medium().label() + " (" + t.describe() + ")").collect(Collectors.joining(", ")),
                    found.stream().map(t -> t.layout().medium().name().toLowerCase()).collect(Collectors.joining("|"))), true);
        }
        FlashTarget t = found.get(0);
        if (img.hinted() && img.medium() != t.layout().medium()) {
            throw new FlashRefused(Message.of("proc.target.thisBoardSPlace", ImageCheck.contradiction(img.name(), img.role(), img.medium(), t.layout().medium()), t.describe(), t.layout().medium().name().toLowerCase()), true);
        }
        if (img.size() > t.capacity()) {
            throw new FlashRefused(String.format(Texts.t("proc.target.sDBytesIs"), img.name(), img.size(), t.describe(), t.capacity()), true);
        }
        return t;
    }

    private static boolean applies(FlashLayouts.Layout l, BoardStorage st) {
        if ((l.medium() == Medium.EMMC || l.medium() == Medium.SD) && st.mmcMedium() != l.medium()) {
            return false;
        }
        for (Role r : l.places().keySet()) {
            if (target(l, r, st) == null) {
                return false;
            }
        }
        return true;
    }

    /** The place for {@code role} in layout {@code l} on this board, or null if the board lacks it. */
    private static FlashTarget target(FlashLayouts.Layout l, Role role, BoardStorage st) {
        FlashLayouts.Placement p = l.place(role);
        if (p == null) {
            return null;
        }
        switch (p.method()) {
            case MTD, MTD_COPIES -> {
                BoardStorage.MtdPart m = st.mtdPart(p.mtd());
                if (m == null) {
                    return null;
                }
                boolean copies = p.method() == Method.MTD_COPIES;
                List<Long> offsets = copies ? p.copies() : List.of(0L);
                long capacity = copies ? p.copySize() : m.size();
                if (copies && offsets.get(offsets.size() - 1) + p.copySize() > m.size()) {
                    return null; // too small for the copies this layout keeps: not this layout
                }
                return new FlashTarget(l, p, role, p.method(), m.name(), null, capacity, offsets,
                        Math.max(1, m.minIo()), 0, 0);
            }
            case UBI_VOLUME -> {
                BoardStorage.MtdPart m = st.mtdPart(p.mtd());
                BoardStorage.UbiVolume v = st.volume(p.volume());
                if (m == null || v == null || st.ubiMtd() == null || !st.ubiMtd().equalsIgnoreCase(m.name())) {
                    return null;
                }
                return new FlashTarget(l, p, role, p.method(), v.name(), m.name(), v.size(), List.of(0L), 1, 0, 0);
            }
            case MMC_BOOT0 -> {
                return new FlashTarget(l, p, role, p.method(), null, null, p.blocks() * 512, List.of(0L), 512, 0, p.blocks());
            }
            case MMC_GPT -> {
                BoardStorage.MmcPart g = st.mmcPart(p.partition());
                if (g == null) {
                    return null;
                }
                return new FlashTarget(l, p, role, p.method(), g.name(), null, g.size(), List.of(0L), 512,
                        g.startLba(), g.blocks());
            }
            default -> {
                return null;
            }
        }
    }
}
