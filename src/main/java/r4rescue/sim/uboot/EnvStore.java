package r4rescue.sim.uboot;

import java.util.TreeMap;

import r4rescue.board.BoardProfile;
import r4rescue.board.Medium;
import r4rescue.sim.Sparse;
import r4rescue.sim.boot.Media;
import r4rescue.sim.state.SimState;
import r4rescue.sim.state.MmcDevice;
import r4rescue.sim.state.UbiVolume;

/**
 * Where the environment lives for a flavour and boot medium: OpenWrt NAND in UBI volumes
 * {@code ubootenv}/{@code ubootenv2} (0x1f000 each, redundant), MTK SDK NAND in the raw
 * {@code u-boot-env} partition, eMMC/SD raw at 0x400000/0x440000 (0x40000, redundant).
 * Used by both U-Boot and Linux's fw_printenv/fw_setenv, so they see the same variables.
 */
public final class EnvStore {

    public static final int UBI_ENV_SIZE = 0x1f000;

    private final SimState s;
    private final Medium medium;

    public EnvStore(SimState s, Medium medium) {
        this.s = s;
        this.medium = medium;
    }

    /** "UBI", "MMC" or "MTD": the name U-Boot prints in "Loading Environment from ...". */
    public String kind() {
        if (medium == Medium.SNAND) {
            return s.mtkSdk() ? "MTD" : "UBI";
        }
        return "MMC";
    }

    public boolean redundant() {
        return !(medium == Medium.SNAND && s.mtkSdk());
    }

    private int size() {
        if (medium == Medium.SNAND) {
            return s.mtkSdk() ? 0x80000 : UBI_ENV_SIZE;
        }
        return 0x40000;
    }

    /** The raw bytes of copy 0 or 1, or null when the place does not exist. */
    public byte[] readCopy(int copy) {
        if (medium == Medium.SNAND) {
            if (s.nand == null) {
                return null;
            }
            if (s.mtkSdk()) {
                BoardProfile.Part p = s.profile().layout("mtk-sdk-snand").part("u-boot-env");
                return s.nand.raw.read(p.offset(), size());
            }
            UbiVolume v = s.nand.ubiAttached ? s.nand.volumes.get(copy == 0 ? "ubootenv" : "ubootenv2") : null;
            return v == null ? null : v.data.read(0, size());
        }
        MmcDevice d = Media.mmc0(s);
        return d == null ? null : d.user.read(copy == 0 ? 0x400000 : 0x440000, size());
    }

    private boolean writeCopy(int copy, byte[] raw) {
        if (medium == Medium.SNAND) {
            if (s.nand == null) {
                return false;
            }
            if (s.mtkSdk()) {
                BoardProfile.Part p = s.profile().layout("mtk-sdk-snand").part("u-boot-env");
                s.nand.raw.set(p.offset(), p.size(), 0xff);
                s.nand.raw.write(p.offset(), raw);
                return true;
            }
            UbiVolume v = s.nand.ubiAttached ? s.nand.volumes.get(copy == 0 ? "ubootenv" : "ubootenv2") : null;
            if (v == null) {
                return false;
            }
            Sparse d = v.data;
            d.set(0, d.size(), 0xff);
            d.write(0, raw);
            return true;
        }
        MmcDevice d = Media.mmc0(s);
        if (d == null) {
            return false;
        }
        d.user.write(copy == 0 ? 0x400000 : 0x440000, raw);
        return true;
    }

    /** The loaded environment and which copy it came from (-1: none valid). */
    public record Loaded(TreeMap<String, String> env, int copy, int flag) {
    }

    public Loaded load() {
        TreeMap<String, String> best = null;
        int bestCopy = -1;
        int bestFlag = -1;
        for (int c = 0; c < (redundant() ? 2 : 1); c++) {
            byte[] raw = readCopy(c);
            if (raw == null) {
                continue;
            }
            TreeMap<String, String> env = Env.decode(raw, redundant());
            if (env == null) {
                continue;
            }
            int flag = redundant() ? raw[4] & 0xff : 0;
            if (best == null || newer(flag, bestFlag)) {
                best = env;
                bestCopy = c;
                bestFlag = flag;
            }
        }
        return new Loaded(best, bestCopy, bestFlag);
    }

    private static boolean newer(int a, int b) {
        if (a == 0 && b == 255) {
            return true;
        }
        if (a == 255 && b == 0) {
            return false;
        }
        return a > b;
    }

    /** The copy the next save writes: the one after the last valid one. */
    public int nextCopy() {
        return redundant() ? (load().copy() == 0 ? 1 : 0) : 0;
    }

    /**
     * Writes {@code env} to the copy after the last valid one; returns the copy written or -1.
     */
    public int save(TreeMap<String, String> env) {
        Loaded cur = load();
        int copy = nextCopy();
        int flag = redundant() ? ((cur.flag() < 0 ? 0 : cur.flag() + 1) & 0xff) : -1;
        return writeCopy(copy, Env.encode(env, size(), flag)) ? copy : -1;
    }

    /** Destroys both copies (U-Boot {@code eraseenv}, OpenWrt "reset to factory defaults"). */
    public boolean erase() {
        byte[] zero = new byte[size()];
        boolean ok = writeCopy(0, zero);
        if (redundant()) {
            ok &= writeCopy(1, zero);
        }
        return ok;
    }
}
