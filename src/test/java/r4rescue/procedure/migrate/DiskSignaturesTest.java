package r4rescue.procedure.migrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Empty or used without blkid, on dumps made by the real tools (e2fsprogs mkfs.ext4 -L nvme-root,
 * util-linux sfdisk, hexdump -C and od -Ax -tx1; the same formats BusyBox prints).
 */
@Tag("unit")
class DiskSignaturesTest {

    private static String dump(String name) throws IOException {
        return new String(DiskSignaturesTest.class.getResourceAsStream("/r4rescue/migrate/" + name).readAllBytes(), StandardCharsets.US_ASCII);
    }

    @Test
    void anAllZeroDiskIsEmpty() throws IOException {
        byte[] b = DiskSignatures.parseDump(dump("empty-disk.hexdump"), 1 << 20);
        assertEquals(1 << 20, b.length, "the * line repeats zeros up to the end offset");
        assertEquals(List.of(), DiskSignatures.found(b));
    }

    @Test
    void aGptIsFound() throws IOException {
        assertEquals(List.of("GPT partition table (\"EFI PART\" at byte 512)"),
                DiskSignatures.found(DiskSignatures.parseDump(dump("gpt-disk.hexdump"), 1 << 20)));
    }

    @Test
    void anExt4AndItsLabelAreReadFromHexdumpAndOd() throws IOException {
        byte[] h = DiskSignatures.parseDump(dump("ext4-nvme-root.hexdump"), 4096);
        byte[] o = DiskSignatures.parseDump(dump("ext4-nvme-root.od"), 4096);
        assertArrayEquals(h, o);
        assertEquals("nvme-root", DiskSignatures.ext4Label(h));
        // s_uuid of that image at byte 0x468, as blkid prints it
        assertEquals("4727f19f-366e-4b96-8cac-a22e0b49790d", DiskSignatures.ext4Uuid(h));
        assertEquals(List.of("ext2/3/4 filesystem labelled \"nvme-root\""), DiskSignatures.found(h));
    }

    @Test
    void strayBytesCountAsData() {
        String d = "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n*\n"
                + "00080000  00 00 00 07 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n*\n00100000\n";
        assertEquals(List.of("unknown data (non-zero bytes from byte 524291)"), DiskSignatures.found(DiskSignatures.parseDump(d, 1 << 20)));
        assertNull(DiskSignatures.ext4Label(new byte[4096]));
        assertNull(DiskSignatures.ext4Uuid(new byte[4096]));
    }
}
