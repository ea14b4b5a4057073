package r4rescue.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import r4rescue.board.BoardProfile;
import r4rescue.board.Medium;
import r4rescue.board.SyntheticImages;
import r4rescue.sim.linux.RootFs;
import r4rescue.sim.state.SimState;
import r4rescue.sim.state.Disk;
import r4rescue.sim.state.FileEntry;
import r4rescue.sim.state.FileSystem;
import r4rescue.sim.state.Gpt;
import r4rescue.sim.state.MmcDevice;
import r4rescue.sim.state.Nand;
import r4rescue.sim.state.Partition;
import r4rescue.sim.state.UbiVolume;
import r4rescue.sim.uboot.Env;
import r4rescue.sim.uboot.EnvStore;

/** Builds board states from scenarios, and loads/saves scenarios and whole board states as Json.MAPPER. */
public final class ScenarioBuilder {

    public static final String[] BUILT_IN = {"healthy-nand", "bl2-corrupt", "fip-corrupt", "bad-bootargs", "no-nvme",
        "emmc-boot", "sd-rescue", "nvme-root", "factory-mtk-sdk", "small-nvme", "nvme-data", "no-fw-setenv", "scripted-bootargs", "stock-openwrt",
        "uart-only", "stock-openwrt-extroot", "healthy-nand-8g", "stock-openwrt-online", "emmc-blank",
        "nvme-upgraded"};

    /** Made on first use, not when the window reads {@link #BUILT_IN}: Jackson's start costs ~100 ms. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }
    private static final int FIT_SIZE = 9_437_184;
    private static final int RECOVERY_SIZE = 10_485_760;

    private ScenarioBuilder() {
    }

    /** A built-in scenario by name, a scenario file, or a saved board state file. */
    public static SimState load(String nameOrPath) throws IOException {
        JsonNode n;
        try (InputStream in = ScenarioBuilder.class.getResourceAsStream("/r4rescue/sim/scenarios/" + nameOrPath + ".json")) {
            if (in != null) {
                n = Json.MAPPER.readTree(in);
            } else if (Files.isRegularFile(Path.of(nameOrPath))) {
                n = Json.MAPPER.readTree(Files.readAllBytes(Path.of(nameOrPath)));
            } else {
                throw new IOException("No scenario '" + nameOrPath + "': built-in ones are " + String.join(", ", BUILT_IN));
            }
        }
        if (n.has("state")) {
            return Json.MAPPER.treeToValue(n.get("state"), SimState.class);
        }
        return build(Json.MAPPER.treeToValue(n, Scenario.class));
    }

    public static Scenario scenario(String name) throws IOException {
        try (InputStream in = ScenarioBuilder.class.getResourceAsStream("/r4rescue/sim/scenarios/" + name + ".json")) {
            if (in == null) {
                throw new IOException("No scenario '" + name + "'");
            }
            return Json.MAPPER.readValue(in, Scenario.class);
        }
    }

    /** Writes the board's whole state (flash contents as sparse chunks) so it can be loaded again. */
    public static void save(SimState s, Path file) throws IOException {
        Files.write(file, Json.MAPPER.writeValueAsBytes(Map.of("state", s)));
    }

    public static SimState build(Scenario sc) {
        SimState s = new SimState();
        s.board = sc.board;
        BoardProfile board = s.profile();
        s.flavour = sc.flavour;
        s.ramGiB = sc.ramGiB;
        s.network = sc.network;
        s.setBootMedium(Medium.valueOf(sc.boot));
        String version = board.ubootVersion(s.mtkSdk() ? "mtk-sdk" : "openwrt");
        if (sc.nand != null) {
            s.nand = s.mtkSdk() ? mtkNand(board, sc.nand) : openwrtNand(board, sc.nand,
                    sc.kernelRelease == null ? SyntheticFit.RELEASE : sc.kernelRelease);
        }
        if (sc.emmc != null) {
            s.emmc = emmc(board, sc.emmc);
        }
        if (sc.sd != null) {
            s.sd = sdCard(board, sc.sd);
            s.sdInserted = sc.sd.inserted;
        }
        if (sc.nvme != null) {
            s.nvme = nvme(sc.nvme, sc.absentFiles);
        }
        // Saved environments: the one of the boot medium gets the scenario's overrides.
        Medium boot = s.bootMedium();
        for (Medium m : new Medium[] {Medium.SNAND, Medium.EMMC, Medium.SD}) {
            String state = m == Medium.SNAND ? (sc.nand == null ? null : sc.nand.env)
                    : m == Medium.EMMC ? (sc.emmc == null ? null : sc.emmc.env) : (sc.sd == null ? null : sc.sd.env);
            if (!"saved".equals(state)) {
                continue;
            }
            SimState view = s;
            Medium saved = view.bootMedium();
            view.setBootMedium(m);
            TreeMap<String, String> env = Env.defaults(s.mtkSdk(), m, version);
            env.remove("ver");
            if (m == boot) {
                for (Map.Entry<String, String> e : sc.env.entrySet()) {
                    if (e.getValue() == null) {
                        env.remove(e.getKey());
                    } else {
                        env.put(e.getKey(), e.getValue());
                    }
                }
            }
            // Three saves leave both redundant copies valid and the first one newest, as on a
            // board in use: the next saveenv then writes the redundant copy.
            for (int i = 0; i < 3; i++) {
                new EnvStore(view, m).save(env);
            }
            view.setBootMedium(saved);
        }
        s.overlay = RootFs.baseOpenWrt();
        sc.absentFiles.forEach(s.overlay.files::remove);
        return s;
    }

    private static byte[] bl2(String how, Medium m, long seed) {
        byte[] b = SyntheticImages.bl2(how.equals("wrong-medium") ? (m == Medium.SNAND ? Medium.EMMC : Medium.SNAND) : m, 200_000, seed);
        if (how.equals("corrupt")) {
            for (int i = 0; i < 32; i++) {
                b[i] ^= (byte) 0xA5;
            }
        }
        return b;
    }

    private static byte[] fip(String how, long seed) {
        byte[] f = SyntheticImages.fip(65_536, 720_000, seed);
        if (how.equals("corrupt")) {
            for (int i = 0; i < 16; i++) {
                f[i] ^= (byte) 0x5A;
            }
        } else if (how.equals("truncated")) {
            f = java.util.Arrays.copyOf(f, 100_000);
        }
        return f;
    }

    private static Nand openwrtNand(BoardProfile board, Scenario.Nand sc, String release) {
        Nand n = new Nand();
        BoardProfile.Layout l = board.layout("openwrt-snand");
        if (!sc.bl2.equals("empty")) {
            byte[] b = bl2(sc.bl2, Medium.SNAND, 1);
            for (long off : l.bl2Copies()) {
                n.raw.write(off, b);
            }
        }
        n.volumes.put("ubootenv", new UbiVolume("ubootenv", 0x100000, false));
        n.volumes.put("ubootenv2", new UbiVolume("ubootenv2", 0x100000, false));
        if (!sc.fip.equals("missing")) {
            UbiVolume v = new UbiVolume("fip", 0x200000, true);
            byte[] f = fip(sc.fip, 2);
            v.data.write(0, f);
            v.dataSize = f.length;
            n.volumes.put("fip", v);
        }
        long used = 0x400000;
        if (!sc.recovery.equals("missing")) {
            n.volumes.put("recovery", fitVolume("recovery", RECOVERY_SIZE, true));
            used += RECOVERY_SIZE;
        }
        if (!sc.fit.equals("missing")) {
            n.volumes.put("fit", fitVolume("fit", FIT_SIZE, false, release));
            used += FIT_SIZE;
        }
        if (sc.emmcInstall.equals("ok")) {
            UbiVolume v = new UbiVolume("emmc_install", 0x800000, false);
            emmcBundle(board, (off, bytes) -> v.data.write(off, bytes));
            n.volumes.put("emmc_install", v);
            used += 0x800000;
        }
        long rest = 985L * 126976 - used - 126976L * 8;
        n.volumes.put("rootfs_data", new UbiVolume("rootfs_data", rest / 126976 * 126976, false));
        return n;
    }

    private static UbiVolume fitVolume(String name, int size, boolean recovery) {
        return fitVolume(name, size, recovery, SyntheticFit.RELEASE);
    }

    private static UbiVolume fitVolume(String name, int size, boolean recovery, String release) {
        long reserved = (size + 126975L) / 126976 * 126976;
        UbiVolume v = new UbiVolume(name, reserved, false);
        v.data.write(0, SyntheticFit.header(size, recovery, release));
        return v;
    }

    private static Nand mtkNand(BoardProfile board, Scenario.Nand sc) {
        Nand n = new Nand();
        BoardProfile.Layout l = board.layout("mtk-sdk-snand");
        if (!sc.bl2.equals("empty")) {
            n.raw.write(0, bl2(sc.bl2, Medium.SNAND, 1));
        }
        if (!sc.fip.equals("missing")) {
            n.raw.write(l.part("fip").offset(), fip(sc.fip, 2));
        }
        if (!sc.fit.equals("missing")) {
            n.volumes.put("kernel", fitVolume("kernel", FIT_SIZE, false));
        }
        n.volumes.put("rootfs", new UbiVolume("rootfs", 126976L * 100, false));
        n.volumes.put("rootfs_data", new UbiVolume("rootfs_data", 126976L * 300, false));
        return n;
    }

    /**
     * The eMMC install bundle (the card's install partition from its eMMC BL2 on, the NAND's {@code emmc_install}
     * volume): eMMC BL2, FIP and GPT at the places the profile's NAND layout gives, passed to {@code at} by offset.
     */
    private static void emmcBundle(BoardProfile board, java.util.function.BiConsumer<Long, byte[]> at) {
        JsonNode in = board.layout("openwrt-snand").install();
        MmcDevice e = new MmcDevice();
        gpt(e, board.layout("openwrt-emmc"));
        at.accept(in.get("emmcBl2").asLong(), SyntheticImages.bl2(Medium.EMMC, 200_000, 9));
        at.accept(in.get("emmcFip").asLong(), SyntheticImages.fip(65_536, 720_000, 10));
        at.accept(in.get("emmcGpt").asLong(), Gpt.write(e.partitions));
    }

    private static void gpt(MmcDevice d, BoardProfile.Layout l) {
        int i = 1;
        for (BoardProfile.Part p : l.partitions()) {
            d.partitions.add(new Partition(i++, p.name(), p.offset(), p.size(), p.type()));
        }
    }

    private static MmcDevice emmc(BoardProfile board, Scenario.Mmc sc) {
        BoardProfile.Layout l = board.layout("openwrt-emmc");
        MmcDevice d = new MmcDevice();
        d.user = new Sparse(l.size(), 0);
        d.boot0 = new Sparse(l.boot0Size(), 0);
        d.bootPartitionEnable = sc.bootPartitionEnable;
        if (!sc.bl2.equals("empty")) {
            d.boot0.write(0, bl2(sc.bl2, Medium.EMMC, 3));
        }
        boolean blank = sc.fip.equals("missing") && sc.recovery.equals("missing") && sc.production.equals("missing");
        if (!blank) {
            gpt(d, l);
            writeMmcImages(d, sc.fip, sc.recovery, sc.production, 4);
        }
        return d;
    }

    private static void writeMmcImages(MmcDevice d, String fip, String recovery, String production, long seed) {
        if (!fip.equals("missing")) {
            d.user.write(d.partition("fip").start, fip(fip, seed));
        }
        if (!recovery.equals("missing")) {
            d.user.write(d.partition("recovery").start, SyntheticFit.header(RECOVERY_SIZE, true));
        }
        if (!production.equals("missing")) {
            d.user.write(d.partition("production").start, SyntheticFit.header(FIT_SIZE, false));
        }
    }

    /** A microSD card with OpenWrt's sdcard.img written to it (the rescue card), for {@link SimBoard#insertSd}. */
    public static MmcDevice rescueCard(BoardProfile board) {
        return sdCard(board, new Scenario.Sd());
    }

    private static MmcDevice sdCard(BoardProfile board, Scenario.Sd sc) {
        BoardProfile.Layout l = board.layout("openwrt-sd");
        MmcDevice d = new MmcDevice();
        d.user = new Sparse(l.size(), 0);
        d.bootPartitionEnable = 0;
        if (sc.image.equals("empty")) {
            return d;
        }
        gpt(d, l);
        d.user.write(0x4400, SyntheticImages.bl2(Medium.SD, 200_000, 5));
        writeMmcImages(d, "ok", "ok", "ok", 6);
        long install = d.partition("install").start;
        JsonNode in = l.install();
        d.user.write(install + in.get("snandBl2").asLong(), SyntheticImages.bl2(Medium.SNAND, 200_000, 7));
        d.user.write(install + in.get("snandFip").asLong(), SyntheticImages.fip(65_536, 720_000, 8));
        long bundle = install + in.get("emmcBl2").asLong();
        emmcBundle(board, (off, bytes) -> d.user.write(bundle + off, bytes));
        return d;
    }

    private static Disk nvme(Scenario.Nvme sc, List<String> absentFiles) {
        Disk d = new Disk();
        d.present = sc.present;
        d.driver = sc.driver;
        d.model = sc.model;
        d.size = sc.sizeGiB * 1_000_000_000L / 512 * 512;
        d.label = sc.label;
        long next = 2048L * 512;
        int n = 1;
        boolean dos = "dos".equals(sc.label);
        // GPT keeps its backup header in the last 34 sectors; an MBR disk can be used to its end (as fdisk offers).
        long tail = dos ? 0 : 34 * 512;
        for (Scenario.NvmePart p : sc.partitions) {
            long size = p.sizeGiB <= 0 ? d.size - next - tail : (long) (p.sizeGiB * (1L << 30));
            Partition part = new Partition(n++, p.name, next, size, dos ? "83" : "0FC63DAF-8483-4772-8E79-3D69D8477DE4");
            if (p.fs != null) {
                part.fs = new FileSystem(p.fs, p.label, UUID.nameUUIDFromBytes((p.label + n).getBytes(StandardCharsets.UTF_8)).toString());
                if (p.copyRoot) {
                    for (Map.Entry<String, FileEntry> e : RootFs.baseOpenWrt().files.entrySet()) {
                        part.fs.files.put(e.getKey(), e.getValue().copy());
                    }
                    absentFiles.forEach(part.fs.files::remove); // a copy of the same build lacks them too
                }
                p.files.forEach((path, text) -> part.fs.files.put(path, FileEntry.text(text)));
            }
            d.partitions.add(part);
            next += size;
        }
        return d;
    }
}
