package r4rescue.sim.boot;

import r4rescue.board.BoardProfile;
import r4rescue.board.Medium;
import r4rescue.sim.state.SimState;
import r4rescue.sim.state.MmcDevice;
import r4rescue.sim.state.Partition;
import r4rescue.sim.state.UbiVolume;

/** Where the boot stages find their images on each medium (facts §5, §9). */
public final class Media {

    private Media() {
    }

    /** The MMC device behind {@code mmc0} for this boot: the SD card when booting from SD, else the eMMC. */
    public static MmcDevice mmc0(SimState s) {
        if (s.bootMedium() == Medium.SD) {
            return s.sdInserted ? s.sd : null;
        }
        return s.emmc;
    }

    public static String nandLayoutKey(SimState s) {
        return s.mtkSdk() ? "mtk-sdk-snand" : "openwrt-snand";
    }

    /** The BL2 candidates the BROM tries on {@code m}, in order (null entries = nothing there). */
    public static byte[][] bl2Candidates(SimState s, Medium m) {
        BoardProfile d = s.profile();
        switch (m) {
            case SNAND -> {
                if (s.nand == null) {
                    return new byte[0][];
                }
                BoardProfile.Layout l = d.layout(nandLayoutKey(s));
                byte[][] out = new byte[l.bl2Copies().size()][];
                long span = l.bl2Copies().size() > 1 ? l.bl2Copies().get(1) : l.part("bl2").size();
                for (int i = 0; i < out.length; i++) {
                    out[i] = s.nand.raw.read(l.bl2Copies().get(i), (int) span);
                }
                return out;
            }
            case EMMC -> {
                MmcDevice e = s.emmc;
                if (e == null || e.boot0 == null || e.bootPartitionEnable != 1) {
                    return new byte[0][];
                }
                return new byte[][] {e.boot0.read(0, 0x80000)};
            }
            case SD -> {
                if (!s.sdInserted || s.sd == null) {
                    return new byte[0][];
                }
                return new byte[][] {s.sd.user.read(0x4400, 0x80000)};
            }
            default -> {
                return new byte[0][];
            }
        }
    }

    /** The FIP bytes BL2 loads for {@code m}, or null when there is no FIP container at all. */
    public static byte[] fip(SimState s, Medium m) {
        if (m == Medium.SNAND) {
            if (s.nand == null) {
                return null;
            }
            if (s.mtkSdk()) {
                BoardProfile.Part p = s.profile().layout("mtk-sdk-snand").part("fip");
                return s.nand.raw.read(p.offset(), (int) p.size());
            }
            UbiVolume v = s.nand.ubiAttached ? s.nand.volumes.get("fip") : null;
            if (v == null || v.dataSize == 0) {
                return null;
            }
            return v.data.read(0, (int) v.dataSize);
        }
        MmcDevice dev = m == Medium.SD ? s.sd : s.emmc;
        Partition p = dev == null ? null : dev.partition("fip");
        if (p == null) {
            return null;
        }
        return dev.user.read(p.start, (int) p.size);
    }
}
