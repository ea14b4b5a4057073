package r4rescue.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** U-Boot commands as our procedures drive them. */
@Tag("sim")
class SimUBootTest {

    @Test
    void keyBeforeBannerStopsAutobootAtPrompt() throws Exception {
        try (SimHarness h = new SimHarness("healthy-nand")) {
            // Real stage pauses (a fifth of real time): the key must arrive while the ROM and BL2 still
            // print, which at time scale 0 is a race a loaded machine can lose.
            h.board.setTimeScale(0.2);
            h.bootToPrompt();
            assertTrue(!h.output().contains("( ( ( OpenWrt ) ) )"), "menu must not show when a key stopped autoboot");
            assertEquals("prompt", h.board.stage());
        }
    }

    @Test
    void escapeInMenuDropsToPrompt() throws Exception {
        try (SimHarness h = new SimHarness("healthy-nand")) {
            h.board.setCountdownFloorMs(3000);
            h.board.powerOn();
            h.expect("Hit any key to stop autoboot: 3");
            h.send("\u001b");
            h.expect("MT7988> ", 3000);
        }
    }

    @Test
    void unknownCommandAndStatus() throws Exception {
        try (SimHarness h = new SimHarness("healthy-nand")) {
            h.bootToPrompt();
            assertEquals("Unknown command 'foo' - try 'help'\r\n", h.uboot("foo"));
            assertEquals("marker1\r\n", h.uboot("echo marker$?"));
            assertEquals("marker0\r\n", h.uboot("true; echo marker$?"));
            assertEquals("## Error: \"nosuch\" not defined\r\n", h.uboot("printenv nosuch"));
            assertEquals("st1\r\n", h.uboot("echo st$?"));
            assertEquals("no\r\n", h.uboot("if test a = b; then echo yes; else echo no; fi"));
            assertEquals("b\r\n", h.uboot("false && echo a || echo b"));
            h.uboot("setenv bootdelay 7");
            assertEquals("## Resetting to default environment\r\n", h.uboot("env default -a"));
            assertEquals("bootdelay=0\r\n", h.uboot("printenv bootdelay"));
            assertTrue(h.uboot("help").contains("loady     - load binary file over serial line (ymodem mode)\r\n"));
            assertTrue(h.uboot("mtd list").contains("  - 0x000000200000-0x000008000000 : \"ubi\"\r\n"));
        }
    }

    @Test
    void setenvQuotingAndSaveenvSurvivePowerCycle() throws Exception {
        try (SimHarness h = new SimHarness("healthy-nand")) {
            h.bootToPrompt();
            h.uboot("setenv bootargs 'console=ttyS0,115200 root=/dev/nvme0n1p1 rootfstype=ext4 rootwait'");
            h.uboot("setenv x \"a;b $loadaddr\"; setenv y 'lit $loadaddr'; setenv z a\\;b");
            assertEquals("x=a;b 0x50000000\r\n", h.uboot("printenv x"));
            assertEquals("y=lit $loadaddr\r\n", h.uboot("printenv y"));
            assertEquals("z=a;b\r\n", h.uboot("printenv z"));
            String save = h.uboot("saveenv");
            assertEquals("Saving Environment to UBI... UBI partition 'ubi' already selected\r\nWriting to redundant UBI... done\r\nOK\r\n", save);
            h.board.setCountdownFloorMs(3000);
            h.board.powerCycle();
            h.interruptToPrompt();
            assertEquals("bootargs=console=ttyS0,115200 root=/dev/nvme0n1p1 rootfstype=ext4 rootwait\r\n", h.uboot("printenv bootargs"));
            assertTrue(h.uboot("saveenv").contains("Writing to UBI... done"), "saves alternate between the copies");
        }
    }

    @Test
    void mtdWriteThenReadBackAndCrc32() throws Exception {
        try (SimHarness h = new SimHarness("healthy-nand")) {
            h.bootToPrompt();
            byte[] data = new byte[0x80000];
            new Random(7).nextBytes(data);
            h.board.ram().write(0x50000000L - 0x40000000L, data);
            CRC32 crc = new CRC32();
            crc.update(data);
            assertEquals(String.format("crc32 for 50000000 ... 5007ffff ==> %08x\r\n", crc.getValue()), h.uboot("crc32 50000000 80000"));
            assertEquals(String.format("crc32 for 50000000 ... 5007ffff ==> %08x\r\n", crc.getValue()), h.uboot("hash crc32 50000000 80000"));
            String sha = r4rescue.util.Hashes.sha256Hex(data);
            assertEquals("sha256 for 50000000 ... 5007ffff ==> " + sha + "\r\n", h.uboot("hash sha256 $loadaddr 0x80000"));
            assertEquals("0\r\n", h.uboot("crc32 -v 50000000 80000 " + String.format("%08x", crc.getValue()) + "; echo $?"));
            assertEquals("blocks=400\r\n", h.uboot("setexpr blocks 80000 / 200; printenv blocks"));
            assertEquals("Erasing 0x00000000 ... 0x001fffff (16 eraseblock(s))\r\n", h.uboot("mtd erase bl2"));
            assertEquals("Writing 524288 byte(s) (256 page(s)) at offset 0x00080000\r\n", h.uboot("mtd write bl2 $loadaddr 0x80000 0x80000"));
            assertEquals("Reading 524288 byte(s) (256 page(s)) at offset 0x00080000\r\n", h.uboot("mtd read bl2 0x51000000 0x80000 0x80000"));
            assertEquals("Total of 131072 word(s) were the same\r\n", h.uboot("cmp.l 50000000 51000000 20000"));
            assertEquals("MTD device nope not found, ret -19\r\n", h.uboot("mtd erase nope"));
            assertEquals("Offset not aligned with a block (0x20000)\r\n", h.uboot("mtd erase bl2 0x100"));
            assertTrue(h.uboot("mtd").startsWith("Usage:\r\nmtd "));
            assertEquals("", h.uboot("ubi check nosuch"), "cmd/ubi.c ubi_check says nothing; its status does");
            assertEquals("Unknown command 'nvme' - try 'help'\r\n", h.uboot("nvme scan"));
        }
    }

    @Test
    void bootmReadsWhatUbiReadLoaded() throws Exception {
        try (SimHarness h = new SimHarness("healthy-nand")) {
            h.bootToPrompt();
            assertEquals("Wrong Image Format for bootm command\r\nERROR: can't get kernel image!\r\n", h.uboot("bootm 0x48000000"));
            h.send("run boot_production\r");
            h.expect("Read \\d+ bytes from volume fit to 0000000050000000");
            h.expect("Starting kernel \\.\\.\\.");
            h.expect("Please press Enter to activate this console.");
        }
    }
}
