package r4rescue.board;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Tag("unit")
class ImageInspectorTest {

    private final ImageInspector inspector = Boards.R4.images();

    @ParameterizedTest
    @EnumSource(value = Medium.class, names = {"SNAND", "EMMC", "SD"})
    void bl2IsRecognisedWithItsMedium(Medium m) {
        ImageInfo info = inspector.inspect(SyntheticImages.bl2(m, 200_000, 1));
        assertEquals(ImageKind.BL2, info.kind());
        assertEquals(m, info.medium());
        assertTrue(info.ok(), info.problems().toString());
        assertNull(inspector.refusal(info, ImageKind.BL2, m, 0x80000));
    }

    @Test
    void bl2ForAnotherMediumOrTooLargeIsRefused() {
        ImageInfo emmc = inspector.inspect(SyntheticImages.bl2(Medium.EMMC, 200_000, 1));
        assertTrue(inspector.refusal(emmc, ImageKind.BL2, Medium.SNAND, 0).contains("made for eMMC"));
        assertTrue(inspector.refusal(emmc, ImageKind.BL2, Medium.EMMC, 100_000).contains("larger than its partition"));
        assertTrue(inspector.refusal(emmc, ImageKind.FIP, Medium.EMMC, 0).startsWith("Expected a FIP"));
    }

    @Test
    void truncatedBl2AndFipAreCaught() {
        byte[] bl2 = SyntheticImages.bl2(Medium.SNAND, 100_000, 2);
        ImageInfo cut = inspector.inspect(Arrays.copyOf(bl2, bl2.length - 1));
        assertFalse(cut.ok());
        assertTrue(cut.problems().get(0).startsWith("truncated"));

        byte[] fip = SyntheticImages.fip(60_000, 600_000, 3);
        assertTrue(inspector.inspect(fip).ok());
        ImageInfo cutFip = inspector.inspect(Arrays.copyOf(fip, 300_000));
        assertEquals(ImageKind.FIP, cutFip.kind());
        assertTrue(inspector.refusal(cutFip, ImageKind.FIP, Medium.NONE, 0).contains("truncated"));
    }

    @Test
    void corruptFipHeaderIsNotAFip() {
        byte[] fip = SyntheticImages.fip(1000, 1000, 4);
        fip[3] = 0;
        assertNotEquals(ImageKind.FIP, inspector.inspect(fip).kind());
    }

    @Test
    void compressedEmptyErasedAndSdImagesAreNamed() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(SyntheticImages.bl2(Medium.SD, 1000, 5));
        }
        ImageInfo g = inspector.inspect(gz.toByteArray());
        assertEquals(ImageKind.GZIP, g.kind());
        assertTrue(inspector.refusal(g, ImageKind.BL2, Medium.SD, 0).contains("decompress"));
        assertEquals(ImageKind.EMPTY, inspector.inspect(new byte[0]).kind());
        byte[] ff = new byte[4096];
        Arrays.fill(ff, (byte) 0xff);
        assertTrue(inspector.inspect(ff).problems().get(0).contains("0xFF"));

        byte[] sd = new byte[0x4400 + 70_000];
        System.arraycopy("EFI PART".getBytes(), 0, sd, 512, 8);
        byte[] bl2 = SyntheticImages.bl2(Medium.SD, 60_000, 6);
        System.arraycopy(bl2, 0, sd, 0x4400, bl2.length);
        ImageInfo img = inspector.inspect(sd);
        assertEquals(ImageKind.SDCARD_IMAGE, img.kind());
        assertTrue(inspector.refusal(img, ImageKind.BL2, Medium.SNAND, 0).contains("never a BL2"));

        byte[] fit = {(byte) 0xd0, 0x0d, (byte) 0xfe, (byte) 0xed, 0, 0, 0, 1};
        assertEquals(ImageKind.FIT, inspector.inspect(fit).kind());
    }
}
