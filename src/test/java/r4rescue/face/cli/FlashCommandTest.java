package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


import r4rescue.board.Medium;
import r4rescue.board.SyntheticImages;

/** {@code flash} on the command line: refusals touch nothing, a good flash on the simulator exits 0. */
@Tag("sim")
class FlashCommandTest {

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    private Path file(String name, byte[] data) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, data);
        return p;
    }

    private static byte[] gzip(byte[] d) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(b)) {
            g.write(d);
        }
        return b.toByteArray();
    }

    /** Runs the refused case against a TCP port that records any connection: exit 2 and nobody connected. */
    private String refused(String part, Path f, String... extra) throws Exception {
        try (ServerSocket spy = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String[] args = {"flash", f.toString(), "--part", part, "--yes", "-p", "tcp:127.0.0.1:" + spy.getLocalPort()};
            String[] all = Arrays.copyOf(args, args.length + extra.length);
            System.arraycopy(extra, 0, all, args.length, extra.length);
            cli.clear();
            assertEquals(MainCommand.BAD_INPUT, cli.run(all), cli.err());
            spy.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, spy::accept, "nothing may reach the board");
            assertTrue(cli.err().contains("Nothing was sent"), cli.err());
            return cli.err();
        }
    }

    @Test
    void eachWrongFileIsRefusedBeforeTheBoardIsTouched() throws Exception {
        byte[] snandBl2 = SyntheticImages.bl2(Medium.SNAND, 40_000, 1);
        byte[] emmcBl2 = SyntheticImages.bl2(Medium.EMMC, 40_000, 2);
        byte[] fip = SyntheticImages.fip(10_000, 30_000, 3);
        assertTrue(refused("bl2", file("emmc.bin", emmcBl2), "--medium", "snand").contains("made for eMMC"));
        assertTrue(refused("bl2", file("x.fip", fip)).contains("Expected a BL2"));
        assertTrue(refused("fip", file("bl2.bin", snandBl2)).contains("Expected a FIP"));
        assertTrue(refused("BL2", file("bl2.bin.gz", gzip(snandBl2))).contains("--decompress"));
        assertTrue(refused("fip", file("x.fip.xz", new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 1, 2})).contains("xz -dk"));
        byte[] fit = new byte[4096];
        fit[0] = (byte) 0xd0;
        fit[1] = 0x0d;
        fit[2] = (byte) 0xfe;
        fit[3] = (byte) 0xed;
        fit[100] = 1;
        assertTrue(refused("fip", file("openwrt-squashfs-sysupgrade.itb", fit)).contains("never a FIP"));
        byte[] sd = new byte[0x4400 + emmcBl2.length];
        System.arraycopy("EFI PART".getBytes(), 0, sd, 512, 8);
        byte[] sdBl2 = SyntheticImages.bl2(Medium.SD, 40_000, 4);
        sd = Arrays.copyOf(sd, 0x4400 + sdBl2.length);
        System.arraycopy(sdBl2, 0, sd, 0x4400, sdBl2.length);
        assertTrue(refused("bl2", file("sdcard.img", sd)).contains("SD-card image"));
        assertTrue(refused("bl2", file("big.bin", SyntheticImages.bl2(Medium.SNAND, 1_200_000, 5))).contains("larger"));
        assertTrue(refused("bl2", file("empty.bin", new byte[0])).contains("empty"));
        assertTrue(refused("bl2", file("cut.bin", Arrays.copyOf(snandBl2, snandBl2.length - 5000))).contains("truncated"));
        assertTrue(refused("fip", file("cut.fip", Arrays.copyOf(fip, fip.length - 100))).contains("truncated"));
        assertTrue(refused("u-boot", file("x.fip", fip)).contains("bl2 or fip"));
        assertTrue(refused("bl2", dir.resolve("missing.bin")).contains("No such file"));
        assertTrue(refused("bl2", file("nor.bin", SyntheticImages.bl2(Medium.NOR, 1000, 6))).contains("no place"));
    }

    @Test
    void withoutATerminalAndWithoutYesNothingIsSent() throws Exception {
        Path f = file("bl2.bin", SyntheticImages.bl2(Medium.SNAND, 40_000, 7));
        try (ServerSocket spy = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            assertEquals(MainCommand.BAD_INPUT, cli.run("flash", f.toString(), "--part", "bl2", "-p", "tcp:127.0.0.1:" + spy.getLocalPort()));
            spy.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, spy::accept);
            assertTrue(cli.err().contains("--yes"), cli.err());
        }
    }

    @Test
    void flashesAGzippedFipOnTheSimulatorAndPrintsBothCrcs() throws Exception {
        byte[] fip = SyntheticImages.fip(20_000, 90_000, 8);
        Path f = file("openwrt-snand-bl31-uboot.fip.gz", gzip(fip));
        assertEquals(MainCommand.OK, cli.run("flash", f.toString(), "--part", "FIP", "--yes", "--decompress", "-p", "sim:healthy-nand"),
                cli.out() + "\n" + cli.err());
        String o = cli.out();
        assertTrue(o.contains("> ubi write 0x50000000 fip 0x"), o);
        assertTrue(o.matches("(?s).*CRC-32 host ([0-9a-f]{8}), on the board \\1, read back: \\1@0x0.*"), o);
        assertTrue(o.contains("unpacked from gzip"), o);
    }

    /** Issue 14: a FIP named for eMMC is not written to the NAND unless --medium insists; refused before any write. */
    @Test
    void aFipNamedForEmmcIsRefusedForTheNandUnlessMediumInsists() throws Exception {
        byte[] fip = SyntheticImages.fip(20_000, 60_000, 9);
        Path f = file("openwrt-mediatek-filogic-bananapi_bpi-r4-emmc-bl31-uboot.fip", fip);
        assertEquals(MainCommand.BAD_INPUT, cli.run("flash", f.toString(), "--part", "fip", "--yes", "-p", "sim:healthy-nand"),
                cli.out() + "\n" + cli.err());
        assertTrue(cli.err().contains("its name says it is a FIP for eMMC, not for SPI-NAND"), cli.err());
        assertTrue(cli.err().contains("insist with --medium snand"), cli.err());
        assertFalse(cli.out().contains("> loady") || cli.out().contains("> ubi write"), "only read-only questions: " + cli.out());

        cli.clear();
        assertEquals(MainCommand.OK, cli.run("flash", f.toString(), "--part", "fip", "--yes", "--medium", "snand",
                "-p", "sim:healthy-nand"), cli.out() + "\n" + cli.err());
        assertTrue(cli.out().contains("> ubi write 0x50000000 fip"), cli.out());
    }

    @Test
    void jsonResultOnStdout() throws Exception {
        Path f = file("p.bin", SyntheticImages.bl2(Medium.SNAND, 30_000, 10));
        assertEquals(MainCommand.OK, cli.run("flash", f.toString(), "--part", "bl2", "--yes", "--json", "-p", "sim:healthy-nand"),
                cli.out() + "\n" + cli.err());
        com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(cli.out());
        assertTrue(j.get("ok").asBoolean());
        assertEquals("openwrt-snand", j.get("layout").asText());
        assertEquals(4, j.get("copies").size());
        assertEquals(j.get("hostHash").asText(), j.get("copies").get(3).get("boardHash").asText());
    }

    @Test
    void aBoardThatHaltsInTheBootRomIsNoAnswer() throws Exception {
        Path f = file("bl2.bin", SyntheticImages.bl2(Medium.SNAND, 40_000, 9));
        assertEquals(MainCommand.NO_LINK, cli.run("flash", f.toString(), "--part", "bl2", "--yes", "--timeout", "4",
                "-p", "sim:bl2-corrupt"), cli.out() + "\n" + cli.err());
        assertTrue(cli.err().contains("Nothing was written"), cli.err());
    }
}
