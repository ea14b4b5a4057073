package r4rescue.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** loady against a minimal YMODEM sender written here: block sizes, baud switch, cancel. */
@Tag("sim")
class SimLoadyTest {

    private static int crc16(byte[] d, int off, int len) {
        int crc = 0;
        for (int i = off; i < off + len; i++) {
            crc ^= (d[i] & 0xff) << 8;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return crc & 0xffff;
    }

    private static byte[] packet(int blk, byte[] data, int off, int size) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(size == 128 ? 1 : 2);
        b.write(blk & 0xff);
        b.write(~blk & 0xff);
        byte[] body = new byte[size];
        System.arraycopy(data, off, body, 0, Math.max(0, Math.min(size, data.length - off)));
        for (int i = Math.max(0, data.length - off); i < size; i++) {
            body[i] = 0x1a;
        }
        b.writeBytes(body);
        int c = crc16(body, 0, size);
        b.write(c >> 8);
        b.write(c);
        return b.toByteArray();
    }

    /** Sends {@code data} as file NAME, waiting for the receiver's ACK/C bytes in the harness output. */
    private static void send(SimHarness h, String name, byte[] data, int block) throws Exception {
        h.expect("C", 5000);
        byte[] head = (name + "\0" + data.length + " 0 0").getBytes(StandardCharsets.US_ASCII);
        h.link.write(packet(0, head, 0, 128));
        h.expect("\u0006", 5000);
        h.expect("C", 5000);
        int blk = 1;
        for (int off = 0; off < data.length; off += block) {
            h.link.write(packet(blk++, data, off, block));
            h.expect("\u0006", 5000);
        }
        h.link.write(new byte[] {4});
        h.expect("\u0015", 5000);
        h.link.write(new byte[] {4});
        h.expect("\u0006", 5000);
        h.expect("C", 5000);
        h.link.write(packet(0, new byte[0], 0, 128));
        h.expect("\u0006", 5000);
    }

    @Test
    void smallBlocksTruncatedToHeaderSize() throws Exception {
        byte[] data = new byte[1000];
        new Random(3).nextBytes(data);
        CRC32 crc = new CRC32();
        crc.update(data);
        try (SimHarness h = new SimHarness("healthy-nand")) {
            h.bootToPrompt();
            h.send("loady 0x48000000\r");
            h.expect("## Ready for binary \\(ymodem\\) download to 0x48000000 at 115200 bps\\.\\.\\.\r\n");
            send(h, "a.bin", data, 128);
            h.expect("xyzModem - CRC mode, 10\\(SOH\\)/0\\(STX\\)/0\\(CAN\\) packets, \\d+ retries\r\n");
            h.expect("## Total Size      = 0x000003e8 = 1000 Bytes\r\n");
            h.expect("MT7988> ");
            assertEquals(String.format("crc32 for 48000000 ... 480003e7 ==> %08x\r\n", crc.getValue()), h.uboot("crc32 48000000 $filesize"));
        }
    }

    @Test
    void baudSwitchAndOneKBlocks() throws Exception {
        byte[] data = new byte[5000];
        new Random(4).nextBytes(data);
        try (SimHarness h = new SimHarness("healthy-nand")) {
            h.bootToPrompt();
            h.send("loady $loadaddr 921600\r");
            h.expect("## Switch baudrate to 921600 bps and press ENTER \\.\\.\\.\r\n");
            Thread.sleep(100); // like U-Boot's own 50 ms settle time: a host switching early sends garbage
            h.link.setBaud(921600);
            h.send("\r");
            h.expect("## Ready for binary \\(ymodem\\) download to 0x50000000 at 921600 bps\\.\\.\\.\r\n");
            send(h, "b.bin", data, 1024);
            h.expect("## Total Size      = 0x00001388 = 5000 Bytes\r\n");
            h.expect("## Switch baudrate to 115200 bps and press ESC \\.\\.\\.\r\n");
            Thread.sleep(100);
            h.link.setBaud(115200);
            h.send("\u001b");
            h.expect("MT7988> ");
            assertEquals("filesize=1388\r\n", h.uboot("printenv filesize"));
            assertEquals(115200, h.board.uart().baud());
        }
    }

    @Test
    void cancelAbortsWithError() throws Exception {
        try (SimHarness h = new SimHarness("healthy-nand")) {
            h.bootToPrompt();
            h.send("loady\r");
            h.expect("C", 5000);
            h.link.write(new byte[] {0x18, 0x18});
            h.expect("Cancelled\r\n");
            h.expect("MT7988> ");
            assertEquals("1\r\n", h.uboot("echo $?"));
        }
    }
}
