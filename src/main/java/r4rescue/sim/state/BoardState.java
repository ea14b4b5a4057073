package r4rescue.sim.state;

import com.fasterxml.jackson.annotation.JsonInclude;

import r4rescue.board.Medium;

/**
 * Everything the simulated board stores, plus its switches: serialisable with Jackson so a
 * board can be saved and loaded as JSON. RAM is not here: it is lost when the power goes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class BoardState {
    /** "openwrt" or "mtk-sdk": which bootloader family is flashed. */
    public String flavour = "openwrt";
    public int ramGiB = 4;
    /** SW3 levers: true = down = 1. */
    public boolean dipA;
    public boolean dipB = true;
    public boolean sdInserted;
    public Nand nand;
    public MmcDevice emmc;
    public MmcDevice sd;
    public Disk nvme;
    /** Files changed in the running OpenWrt's overlay (what survives a reboot on fit0 root). */
    public FileSystem overlay = new FileSystem();
    /** Bumped by a warm reset (BL2 prints the watchdog reboot line instead of Cold boot). */
    public boolean warmReset;
    /** eFuse: secure boot on; the Boot ROM then refuses unsigned code over the serial line. */
    public boolean secureBoot;

    public Medium bootMedium() {
        if (dipA && dipB) {
            return Medium.SD;
        }
        if (dipA) {
            return Medium.EMMC;
        }
        if (dipB) {
            return Medium.SNAND;
        }
        return Medium.NONE;
    }

    public void setBootMedium(Medium m) {
        dipA = m == Medium.EMMC || m == Medium.SD;
        dipB = m == Medium.SNAND || m == Medium.SD;
    }

    public boolean mtkSdk() {
        return "mtk-sdk".equals(flavour);
    }
}
