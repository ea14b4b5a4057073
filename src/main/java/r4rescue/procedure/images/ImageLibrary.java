package r4rescue.procedure.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import r4rescue.board.ImageInfo;
import r4rescue.board.ImageInspector;
import r4rescue.board.ImageKind;
import r4rescue.board.Medium;
import r4rescue.procedure.unbrick.Sha256Sums;
import r4rescue.util.Hashes;
import r4rescue.util.Texts;

/**
 * The image library: OpenWrt's files for the board, downloaded with {@code java.net.http} (resumed
 * with a Range request when the connection breaks), kept only when their SHA-256 equals the release's
 * {@code sha256sums} and their headers are what the catalogue says. Layout: {@code DIR/RELEASE/NAME}
 * with the release's {@code sha256sums} beside it; local files taken with {@link #add} go to
 * {@code DIR/local/} with a {@code sha256sums} the library writes. A download in progress is
 * {@code NAME.part}, never a name the flows offer.
 */
public final class ImageLibrary {

    /** Download progress: {@code total} is -1 while unknown. */
    @FunctionalInterface
    public interface Progress {
        void bytes(String name, long done, long total);
    }

    /** A file in the library, checked. */
    public record Item(Path path, String release, long size, String sha256, ImageKind kind, Medium medium, String detail) {
    }

    /** A fetched file; {@code cached} when it was already there and no byte was downloaded. */
    public record Fetched(Item item, boolean cached, int resumes) {
    }

    static final String LOCAL = "local";
    private static final int ATTEMPTS = 4;

    private final Path dir;
    private final URI mirror;
    private final ImageCatalogue catalogue;
    private final ImageInspector inspector;
    private final HeaderCheck headers;
    private final HttpClient http;

    public ImageLibrary(Path dir, URI mirror, ImageCatalogue catalogue, ImageInspector inspector) {
        this.dir = dir;
        this.mirror = mirror == null ? catalogue.mirror() : mirror;
        this.catalogue = catalogue;
        this.inspector = inspector;
        this.headers = new HeaderCheck(inspector);
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(15)).build();
    }

    public Path dir() {
        return dir;
    }

    public ImageCatalogue catalogue() {
        return catalogue;
    }

    /** Where {@code entry} is kept once fetched. */
    public Path pathOf(ImageCatalogue.Entry entry) {
        return dir.resolve(entry.release().id()).resolve(entry.fileName());
    }

    /**
     * Downloads {@code entry} (or takes it from the library when its SHA-256 still matches), checks
     * it and keeps it. A checksum or header mismatch deletes the download and throws {@link ImageRefused}.
     * Without a network, the cached {@code sha256sums} and files are used.
     */
    public Fetched fetch(ImageCatalogue.Entry entry, Progress progress) throws IOException, ImageRefused {
        ImageCatalogue.Release release = entry.release();
        String name = entry.fileName();
        Sha256Sums sums = sums(release);
        String expected = sums.hashOf(name).orElseThrow(() -> new ImageRefused(Texts.t("proc.images.isNotListedIn", name, catalogue.sumsName())));
        Path target = pathOf(entry);
        if (Files.isRegularFile(target) && expected.equals(Hashes.sha256Hex(target))) {
            return new Fetched(item(target, release.id(), expected, entry.type()), true, 0);
        }
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(name + ".part");
        int resumes = download(url(release, name), part, name, progress);
        String got = Hashes.sha256Hex(part);
        if (!expected.equals(got)) {
            Files.deleteIfExists(part);
            throw new ImageRefused(Texts.t("proc.images.sha256", name, got, expected, catalogue.sumsName()));
        }
        try {
            headers.check(part, entry.type());
        } catch (ImageRefused e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Fetched(item(target, release.id(), expected, entry.type()), false, resumes);
    }

    /**
     * Takes a local file into the library after the same header check; its type comes from a
     * catalogue name it ends with, else from its headers (a BL2, FIP, FIT or SD image).
     */
    public Item add(Path file) throws IOException, ImageRefused {
        String name = file.getFileName().toString();
        ImageCatalogue.FileType type = typeOf(file);
        headers.check(file, type);
        Path local = dir.resolve(LOCAL);
        Files.createDirectories(local);
        Path target = local.resolve(name);
        Path tmp = local.resolve(name + ".part");
        Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
        String sha = Hashes.sha256Hex(tmp);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        recordLocalSum(name, sha);
        return item(target, LOCAL, sha, type);
    }

    /** Every kept file, each hashed against its {@code sha256sums} and checked again; a line per file. */
    public List<String> verify() throws IOException {
        List<String> out = new ArrayList<>();
        for (Path f : files()) {
            String release = f.getParent().getFileName().toString();
            String name = f.getFileName().toString();
            Path sumsFile = f.resolveSibling(catalogue.sumsName());
            String sha = Hashes.sha256Hex(f);
            String verdict = Files.isRegularFile(sumsFile) ? Sha256Sums.read(sumsFile).verdict(name, sha) : Texts.t("proc.images.noSha256sums");
            String head;
            try {
                head = headers.check(f, typeOf(f));
            } catch (ImageRefused e) {
                head = "REFUSED: " + e.getMessage();
            }
            out.add(release + "/" + name + ": " + verdict + " " + head);
        }
        return out;
    }

    /** The kept files (no partial downloads, no checksum files). */
    public List<Path> files() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir, 2)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(".part"))
                    .filter(p -> !p.getFileName().toString().equals(catalogue.sumsName()))
                    .sorted().toList();
        }
    }

    /**
     * Kept files that fit a flow's file field: of {@code kind} and, for a BL2, made for {@code medium}
     * (NONE: any). Read from the headers, so a renamed file is still found.
     */
    public List<Path> matching(ImageKind kind, Medium medium) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path f : files()) {
            Optional<ImageCatalogue.FileType> t = catalogueType(f.getFileName().toString());
            if (t.isPresent() ? t.get().kind() == kind && (medium == Medium.NONE || t.get().medium() == medium || kind != ImageKind.BL2)
                    : fits(f, kind, medium)) {
                out.add(f);
            }
        }
        return out;
    }

    private boolean fits(Path f, ImageKind kind, Medium medium) throws IOException {
        if (Files.size(f) > 64L << 20) {
            return false; // not read whole just to offer it in a menu
        }
        ImageInfo info = inspector.inspect(f);
        return info.kind() == kind && (medium == Medium.NONE || kind != ImageKind.BL2 || info.medium() == medium);
    }

    private Sha256Sums sums(ImageCatalogue.Release release) throws IOException {
        Path cached = dir.resolve(release.id()).resolve(catalogue.sumsName());
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url(release, catalogue.sumsName())).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                throw new IOException("HTTP " + r.statusCode() + " for " + r.uri());
            }
            Sha256Sums sums = Sha256Sums.parse(r.body());
            Files.createDirectories(cached.getParent());
            Files.writeString(cached, r.body(), StandardCharsets.UTF_8);
            return sums;
        } catch (IOException e) {
            if (Files.isRegularFile(cached)) {
                return Sha256Sums.read(cached); // offline: the copy from the last fetch vouches for the cache
            }
            throw new IOException(Texts.t("proc.images.cannotRead", url(release, catalogue.sumsName()), e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Downloads into {@code part}, continuing from its size; returns how many times it resumed. */
    private int download(URI url, Path part, String name, Progress progress) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long have = Files.isRegularFile(part) ? Files.size(part) : 0;
            HttpRequest.Builder req = HttpRequest.newBuilder(url).GET();
            if (have > 0) {
                req.header("Range", "bytes=" + have + "-");
            }
            try {
                HttpResponse<InputStream> r = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = r.body()) {
                    int code = r.statusCode();
                    if (code == 416) {
                        return attempt; // the part already holds everything; the checksum decides
                    }
                    if (code != 200 && code != 206) {
                        throw new IOException("HTTP " + code + " for " + url);
                    }
                    boolean append = code == 206; // 200: the server ignored the Range, start over
                    long start = append ? have : 0;
                    long total = r.headers().firstValueAsLong("Content-Length").orElse(-1);
                    long whole = total < 0 ? -1 : start + total;
                    try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                        byte[] buf = new byte[64 * 1024];
                        long done = start;
                        for (int n; (n = in.read(buf)) > 0; ) {
                            out.write(buf, 0, n);
                            done += n;
                            progress.bytes(name, done, whole);
                        }
                        if (whole >= 0 && done < whole) {
                            throw new IOException(Texts.t("proc.images.connectionEndedAt", done, whole));
                        }
                    }
                    return attempt;
                }
            } catch (IOException e) {
                last = e; // the part keeps what arrived; the next attempt asks for the rest
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(Texts.t("proc.images.interrupted", part), e);
            }
        }
        throw new IOException(Texts.t("proc.images.downloadOf", name, ATTEMPTS, last.getMessage(), Files.size(part)), last);
    }

    private URI url(ImageCatalogue.Release release, String name) {
        String base = mirror.toString().endsWith("/") ? mirror.toString() : mirror + "/";
        return URI.create(base + release.path() + name);
    }

    private ImageCatalogue.FileType typeOf(Path file) throws IOException, ImageRefused {
        Optional<ImageCatalogue.FileType> named = catalogueType(file.getFileName().toString());
        if (named.isPresent()) {
            return named.get();
        }
        ImageInfo info = inspector.inspect(file);
        if (info.kind() == ImageKind.GZIP && file.getFileName().toString().endsWith(".img.gz")) {
            return new ImageCatalogue.FileType("img.gz", "SDCARD", ImageKind.SDCARD_IMAGE, Medium.SD, null, Texts.t("proc.images.sdCardImage"));
        }
        return switch (info.kind()) {
            case BL2, FIP, FIT, GPT, SDCARD_IMAGE -> new ImageCatalogue.FileType("", info.kind().name(), info.kind(),
                    info.medium(), null, info.detail());
            default -> throw new ImageRefused(Texts.t("proc.images.isA", file.getFileName(), info.kind().label()));
        };
    }

    private Optional<ImageCatalogue.FileType> catalogueType(String name) {
        return catalogue.releases().stream().flatMap(r -> catalogue.devices().stream().flatMap(d -> catalogue.entries(r, d).stream()))
                .map(ImageCatalogue.Entry::type)
                .filter(t -> name.endsWith("-" + t.suffix()))
                .max((a, b) -> Integer.compare(a.suffix().length(), b.suffix().length()));
    }

    private void recordLocalSum(String name, String sha) throws IOException {
        Path sumsFile = dir.resolve(LOCAL).resolve(catalogue.sumsName());
        List<String> lines = new ArrayList<>();
        if (Files.isRegularFile(sumsFile)) {
            for (String l : Files.readAllLines(sumsFile, StandardCharsets.UTF_8)) {
                if (!l.endsWith("*" + name)) {
                    lines.add(l);
                }
            }
        }
        lines.add(sha + " *" + name);
        Files.write(sumsFile, lines, StandardCharsets.UTF_8);
    }

    private Item item(Path file, String release, String sha, ImageCatalogue.FileType type) throws IOException {
        return new Item(file, release, Files.size(file), sha, type.kind(), type.medium(), type.what());
    }
}
