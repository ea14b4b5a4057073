package r4rescue.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import r4rescue.board.BoardProfile;

/**
 * A named starting point for the simulated board, as written in
 * {@code r4rescue/sim/scenarios/NAME.json}: what is on each medium (healthy, corrupt, missing),
 * the switches, the SD card, the NVMe SSD and environment overrides. {@link ScenarioBuilder}
 * turns it into a {@link r4rescue.sim.state.SimState} with real image headers.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class Scenario {
    public String name;
    public String description;
    /** The boot stage a power-on reaches: halt, bl2-failed, rootwait, panic, userspace... */
    public String expectedStage;
    public String flavour = "openwrt";
    public int ramGiB = 4;
    /** The release of the kernel in NAND's FIT (null: the one the roots' /lib/modules match); a sysupgraded kernel. */
    public String kernelRelease;
    /** Whether the board's Linux reaches the package server (downloads.openwrt.org). */
    public boolean network;
    /** The board's profile id (r4rescue/boards/ID). */
    public String board = BoardProfile.DEFAULT_ID;
    /** SNAND, EMMC, SD or NONE: where SW3 points. */
    public String boot = "SNAND";
    public Nand nand = new Nand();
    public Mmc emmc;
    public Sd sd;
    public Nvme nvme;
    /** Variables set in the saved environment of the boot medium (null value: removed). */
    public Map<String, String> env = new TreeMap<>();
    /** Files left out of the root filesystem, e.g. uboot-envtools' fw_printenv/fw_setenv on a build without them. */
    public List<String> absentFiles = new ArrayList<>();

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Nand {
        /** ok, corrupt, wrong-medium, empty */
        public String bl2 = "ok";
        /** ok, corrupt, truncated, missing */
        public String fip = "ok";
        public String fit = "ok";
        public String recovery = "ok";
        /** saved (a valid env), empty (bad CRC: defaults) */
        public String env = "saved";
        /** ok (the emmc_install volume the SD card's NAND install leaves, for the eMMC install) or missing */
        public String emmcInstall = "missing";
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Mmc {
        public String bl2 = "ok";
        public String fip = "ok";
        public String production = "ok";
        public String recovery = "ok";
        public String env = "saved";
        /** EXT_CSD PARTITION_CONFIG's BOOT_PARTITION_ENABLE: 1 boots from boot0, 0 halts the Boot ROM ("System halt!") */
        public int bootPartitionEnable = 1;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Sd {
        public boolean inserted = true;
        /** openwrt-sdcard (the rescue card with its install partition) or empty */
        public String image = "openwrt-sdcard";
        public String env = "empty";
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Nvme {
        public boolean present = true;
        public String model = "Samsung SSD 980 500GB";
        public long sizeGiB = 500;
        /** builtin, module or none: see Disk.driver */
        public String driver = "builtin";
        /** gpt or dos (MBR, as fdisk makes by default); null: no partition table */
        public String label;
        public List<NvmePart> partitions = new ArrayList<>();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class NvmePart {
        public String name;
        public double sizeGiB;
        /** ext4, or null for no filesystem */
        public String fs;
        public String label;
        /** Fill the filesystem with a copy of the OpenWrt root (an already migrated system). */
        public boolean copyRoot;
        /** Other files to put on it: path to text content (someone's data). */
        public Map<String, String> files = new TreeMap<>();
    }
}
