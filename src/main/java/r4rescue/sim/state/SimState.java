package r4rescue.sim.state;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import r4rescue.board.BoardProfile;
import r4rescue.board.Medium;

/**
 * Everything the simulated board stores, plus its switches: serialisable with Jackson so a
 * board can be saved and loaded as JSON. RAM is not here: it is lost when the power goes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class SimState {
    /** Which board this is: the id of its profile (r4rescue/boards/ID). */
    public String board = BoardProfile.DEFAULT_ID;
    /** "openwrt" or "mtk-sdk": which bootloader family is flashed. */
    public String flavour = "openwrt";
    public int ramGiB = 4;
    /** Linux reaches downloads.openwrt.org (ping, opkg). */
    public boolean network;
    /** The boot switch's levers, one per lever of the profile's switch: 0 = up, 1 = down; null: the profile's NAND position. */
    public List<Integer> dip;
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

    /** The board's facts, from {@link #board}. */
    @JsonIgnore
    public BoardProfile profile() {
        return BoardProfile.load(board);
    }

    /** The levers (the profile's NAND position until set). */
    @JsonIgnore
    public List<Integer> levers() {
        return dip != null ? dip : profile().dipFor(Medium.SNAND).levers();
    }

    /** The medium the Boot ROM reads from at the levers' positions, as the profile's switch table says. */
    public Medium bootMedium() {
        return profile().mediumFor(levers());
    }

    public void setBootMedium(Medium m) {
        dip = profile().dipFor(m).levers();
    }

    public boolean mtkSdk() {
        return "mtk-sdk".equals(flavour);
    }
}
