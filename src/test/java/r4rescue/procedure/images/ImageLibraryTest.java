package r4rescue.procedure.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import r4rescue.board.BoardProfile;
import r4rescue.board.ImageKind;
import r4rescue.board.Medium;
import r4rescue.board.SyntheticImages;
import r4rescue.util.Hashes;

/** The image library against a local HTTP server serving an OpenWrt release directory. */
@Tag("unit")
class ImageLibraryTest {

    private static final ImageCatalogue CAT = ImageCatalogue.standard();
    private static final ImageCatalogue.Release REL = CAT.release("24.10.5").orElseThrow();
    private static final ImageCatalogue.Device DEV = CAT.device("bananapi_bpi-r4").orElseThrow();

    @TempDir
    Path tmp;

    private HttpServer server;
    /** Files served, by name; what the server lies about is set per test. */
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final Map<String, byte[]> listed = new ConcurrentHashMap<>();
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private volatile int cutFirstAt = -1;
    private ImageLibrary lib;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
        URI mirror = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        lib = new ImageLibrary(tmp.resolve("images"), mirror, CAT, BoardProfile.load("bpi-r4").images());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(HttpExchange ex) throws IOException {
        String name = ex.getRequestURI().getPath().substring(("/" + REL.path()).length());
        byte[] body = name.equals("sha256sums") ? sums() : served.get(name);
        if (body == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        String range = ex.getRequestHeaders().getFirst("Range");
        int from = 0;
        if (range != null) {
            ranges.add(range);
            from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
        }
        ex.sendResponseHeaders(range == null ? 200 : 206, body.length - from);
        try (OutputStream out = ex.getResponseBody()) {
            int cut = cutFirstAt;
            if (cut > 0 && range == null && body != null && !name.equals("sha256sums")) {
                cutFirstAt = -1;
                out.write(body, 0, cut);
                out.flush();
                throw new IOException("cut"); // the server drops the connection mid-body
            }
            out.write(body, from, body.length - from);
        }
    }

    private byte[] sums() {
        StringBuilder b = new StringBuilder();
        listed.forEach((n, d) -> b.append(Hashes.sha256Hex(d)).append(" *").append(n).append('\n'));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private ImageCatalogue.Entry entry(String suffix) {
        return CAT.entries(REL, DEV).stream().filter(e -> e.type().suffix().equals(suffix)).findFirst().orElseThrow();
    }

    private ImageCatalogue.Entry publish(String suffix, byte[] data) {
        ImageCatalogue.Entry e = entry(suffix);
        served.put(e.fileName(), data);
        listed.put(e.fileName(), data);
        return e;
    }

    @Test
    void aGoodDownloadIsVerifiedAndKept() throws Exception {
        byte[] bl2 = SyntheticImages.bl2(Medium.SNAND, 100_000, 1);
        ImageCatalogue.Entry e = publish("snand-preloader.bin", bl2);
        assertEquals("openwrt-24.10.5-mediatek-filogic-bananapi_bpi-r4-snand-preloader.bin", e.fileName());
        ImageLibrary.Fetched f = lib.fetch(e, (n, d, t) -> { });
        assertFalse(f.cached());
        assertArrayEquals(bl2, Files.readAllBytes(f.item().path()));
        assertEquals(List.of(f.item().path()), lib.matching(ImageKind.BL2, Medium.SNAND));
        assertEquals(List.of(), lib.matching(ImageKind.BL2, Medium.EMMC));
        assertTrue(lib.verify().get(0).contains("SHA-256 matches"), lib.verify().toString());
    }

    @Test
    void aCorruptedByteIsRefusedAndKeptOutOfTheLibrary() throws Exception {
        byte[] fip = SyntheticImages.fip(50_000, 80_000, 2);
        ImageCatalogue.Entry e = publish("snand-bl31-uboot.fip", fip);
        byte[] bad = fip.clone();
        bad[70_000] ^= 0x10;
        served.put(e.fileName(), bad);
        ImageRefused r = assertThrows(ImageRefused.class, () -> lib.fetch(e, (n, d, t) -> { }));
        assertTrue(r.getMessage().contains("differs"), r.getMessage());
        assertEquals(List.of(), lib.files());
        assertFalse(Files.exists(lib.pathOf(e).resolveSibling(e.fileName() + ".part")));
    }

    @Test
    void aTruncatedDownloadIsResumedWithARangeRequest() throws Exception {
        byte[] fip = SyntheticImages.fip(200_000, 300_000, 3);
        ImageCatalogue.Entry e = publish("emmc-bl31-uboot.fip", fip);
        cutFirstAt = 123_456;
        ImageLibrary.Fetched f = lib.fetch(e, (n, d, t) -> { });
        assertEquals(1, f.resumes());
        assertEquals(1, ranges.size());
        long from = Long.parseLong(ranges.get(0).replaceAll("bytes=(\\d+)-", "$1"));
        assertTrue(from > 0 && from <= 123_456, ranges.toString());
        assertArrayEquals(fip, Files.readAllBytes(f.item().path()));
    }

    @Test
    void aFileMissingFromSha256sumsIsNotDownloaded() throws Exception {
        ImageCatalogue.Entry e = entry("emmc-preloader.bin");
        served.put(e.fileName(), SyntheticImages.bl2(Medium.EMMC, 10_000, 4));
        publish("snand-preloader.bin", SyntheticImages.bl2(Medium.SNAND, 10_000, 5));
        ImageRefused r = assertThrows(ImageRefused.class, () -> lib.fetch(e, (n, d, t) -> { }));
        assertTrue(r.getMessage().contains("not listed"), r.getMessage());
        assertEquals(List.of(), lib.files());
    }

    @Test
    void aWrongFileUnderTheRightNameIsRefusedByItsHeaders() throws Exception {
        // the sums match (the server lists what it serves), but an eMMC BL2 is no SPI-NAND BL2
        ImageCatalogue.Entry e = publish("snand-preloader.bin", SyntheticImages.bl2(Medium.EMMC, 10_000, 6));
        ImageRefused r = assertThrows(ImageRefused.class, () -> lib.fetch(e, (n, d, t) -> { }));
        assertTrue(r.getMessage().contains("SPI-NAND"), r.getMessage());
        assertEquals(List.of(), lib.files());
    }

    @Test
    void offlineTheCacheServes() throws Exception {
        byte[] bl2 = SyntheticImages.bl2(Medium.EMMC, 20_000, 7);
        ImageCatalogue.Entry e = publish("emmc-preloader.bin", bl2);
        lib.fetch(e, (n, d, t) -> { });
        server.stop(0);
        ImageLibrary.Fetched again = lib.fetch(e, (n, d, t) -> { });
        assertTrue(again.cached());
        IOException none = assertThrows(IOException.class,
                () -> new ImageLibrary(tmp.resolve("empty"), URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
                        CAT, BoardProfile.load("bpi-r4").images()).fetch(e, (n, d, t) -> { }));
        assertTrue(none.getMessage().contains("no copy"), none.getMessage());
    }

    @Test
    void addTakesALocalFileAfterTheSameCheck() throws Exception {
        Path good = tmp.resolve("my-emmc-bl2.bin");
        Files.write(good, SyntheticImages.bl2(Medium.EMMC, 10_000, 8));
        ImageLibrary.Item item = lib.add(good);
        assertEquals(Medium.EMMC, item.medium());
        assertEquals(List.of(item.path()), lib.matching(ImageKind.BL2, Medium.EMMC));
        Path junk = tmp.resolve("notes.txt");
        Files.writeString(junk, "hello");
        assertThrows(ImageRefused.class, () -> lib.add(junk));
        Path cut = tmp.resolve("x-snand-bl31-uboot.fip");
        byte[] fip = SyntheticImages.fip(50_000, 50_000, 9);
        Files.write(cut, java.util.Arrays.copyOf(fip, fip.length / 2));
        ImageRefused r = assertThrows(ImageRefused.class, () -> lib.add(cut));
        assertTrue(r.getMessage().contains("truncated"), r.getMessage());
    }

    @Test
    void catalogueNamesTheRealFiles() {
        ImageCatalogue.Release snap = CAT.release("snapshot").orElseThrow();
        List<String> names = CAT.entries(snap, CAT.device("bananapi_bpi-r4-poe").orElseThrow()).stream()
                .map(ImageCatalogue.Entry::fileName).toList();
        assertTrue(names.contains("openwrt-mediatek-filogic-bananapi_bpi-r4-poe-snand-preloader-8g.bin"), names.toString());
        assertTrue(names.contains("openwrt-mediatek-filogic-bananapi_bpi-r4-poe-sdcard.img.gz"), names.toString());
        assertFalse(CAT.entries(REL, DEV).stream().anyMatch(x -> "8g".equals(x.type().ddr())));
    }
}
