package r4rescue.protocol.shell;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import r4rescue.protocol.CancellationToken;
import r4rescue.util.Hashes;

/**
 * Files to and from the board over the console alone. Going in, each chunk is typed as base64 lines
 * into {@code base64 -d}, checked by its SHA-256 on the board and only then appended to
 * {@code FILE.part}; the whole is checked by SHA-256 before it is renamed to its name. Coming out,
 * {@code dd | base64} per chunk with the chunk's SHA-256. Both resume after a dropped line: the board's
 * {@code .part} (or the host's) is checked against the source and the transfer continues from there.
 */
public final class ConsoleFileTransfer {

    /** 3 KiB raw = 4 KiB base64 per chunk: 54 lines of 76 characters, well under the tty's 4096-byte line. */
    public static final int UPLOAD_CHUNK = 3072;
    public static final int DOWNLOAD_CHUNK = 24576;
    private static final int LINE = 76;
    private static final int TRIES = 3;
    private static final Pattern SIZE = Pattern.compile("R4SIZE (\\d+)");
    private static final Pattern HASH = Pattern.compile("(?m)^([0-9a-f]{64})\\s");

    private final ShellDriver shell;
    private Consumer<TransferProgress> progress = p -> {
    };
    private int uploadChunk = UPLOAD_CHUNK;
    private int downloadChunk = DOWNLOAD_CHUNK;

    public ConsoleFileTransfer(ShellDriver shell) {
        this.shell = shell;
    }

    public void onProgress(Consumer<TransferProgress> listener) {
        this.progress = listener;
    }

    public void setChunks(int upload, int download) {
        this.uploadChunk = upload;
        this.downloadChunk = download;
    }

    /**
     * Sends {@code data} to {@code remote} on the board. Returns the SHA-256 both sides agree on;
     * throws if they do not. Call again after a dropped line to resume.
     */
    public String upload(byte[] data, String remote, CancellationToken cancel) throws IOException {
        String part = remote + ".part";
        String q = Sh.quote(part);
        String tmp = "/tmp/.r4chunk";
        long offset = resumeOffset(data, q);
        Rate rate = new Rate(remote, data.length, offset);
        while (offset < data.length) {
            cancel.check("between chunks: " + offset + " of " + data.length + " bytes are on the board in " + part);
            int len = (int) Math.min(uploadChunk, data.length - offset);
            byte[] chunk = java.util.Arrays.copyOfRange(data, (int) offset, (int) offset + len);
            String hash = Hashes.sha256Hex(chunk);
            String cmd = "base64 -d > " + tmp + " && set -- $(sha256sum " + tmp + ") && [ \"$1\" = " + hash + " ] && cat " + tmp
                    + " >> " + q + " && echo R4SIZE $(wc -c < " + q + ")";
            long expect = offset + len;
            boolean done = false;
            for (int attempt = 1; attempt <= TRIES && !done; attempt++) {
                ShellResult r = shell.run(cmd, lines(Base64.getEncoder().encodeToString(chunk)), shell.timeoutMs());
                Matcher m = SIZE.matcher(r.output());
                if (r.ok() && m.find()) {
                    long size = Long.parseLong(m.group(1));
                    if (size != expect) {
                        throw new ShellException(part + " is " + size + " bytes after a chunk, expected " + expect, r);
                    }
                    done = true;
                }
            }
            if (!done) {
                throw new ShellException("Chunk at " + offset + " of " + remote + " did not arrive intact after " + TRIES + " tries");
            }
            offset = expect;
            progress.accept(rate.at(offset));
        }
        String want = Hashes.sha256Hex(data);
        String got = boardHash(q);
        if (!want.equals(got)) {
            shell.run("rm -f " + q);
            throw new ShellException("SHA-256 of " + remote + " on the board is " + got + ", expected " + want + "; removed " + part);
        }
        shell.check("mv " + q + " " + Sh.quote(remote) + " && rm -f " + tmp);
        return want;
    }

    /** How much of {@code FILE.part} on the board already matches {@code data}; a mismatch starts over. */
    private long resumeOffset(byte[] data, String q) throws IOException {
        ShellResult r = shell.run("[ -f " + q + " ] && echo R4SIZE $(wc -c < " + q + ") || echo R4SIZE 0");
        Matcher m = SIZE.matcher(r.output());
        long size = m.find() ? Long.parseLong(m.group(1)) : 0;
        if (size > 0 && size <= data.length) {
            MessageDigest md = Hashes.sha256();
            md.update(data, 0, (int) size);
            if (Hashes.hex(md.digest()).equals(boardHash(q))) {
                return size;
            }
        }
        if (size > 0) {
            shell.check("rm -f " + q);
        }
        return 0;
    }

    private String boardHash(String quotedPath) throws IOException {
        ShellResult r = shell.check("sha256sum " + quotedPath, Math.max(shell.timeoutMs(), 120_000));
        Matcher m = HASH.matcher(r.output());
        if (!m.find()) {
            throw new ShellException("sha256sum gave no hash: " + r.text(), r);
        }
        return m.group(1);
    }

    /**
     * Copies {@code remote} from the board to {@code local}: kept as {@code local.part} until every
     * chunk and the whole file's SHA-256 match; resumes from an existing {@code local.part}.
     */
    public String download(String remote, Path local, CancellationToken cancel) throws IOException {
        String q = Sh.quote(remote);
        ShellResult sizeR = shell.check("wc -c < " + q);
        long total = Long.parseLong(sizeR.text().strip());
        Path part = local.resolveSibling(local.getFileName() + ".part");
        long have = Files.exists(part) ? Files.size(part) : 0;
        long offset = Math.min(have, total) / downloadChunk * downloadChunk;
        Rate rate = new Rate(remote, total, offset);
        String tmp = "/tmp/.r4dl";
        try (RandomAccessFile out = new RandomAccessFile(part.toFile(), "rw")) {
            out.setLength(offset);
            out.seek(offset);
            while (offset < total) {
                cancel.check("between chunks: " + offset + " of " + total + " bytes are in " + part);
                long k = offset / downloadChunk;
                byte[] chunk = null;
                for (int attempt = 1; attempt <= TRIES && chunk == null; attempt++) {
                    ShellResult r = shell.check("dd if=" + q + " of=" + tmp + " bs=" + downloadChunk + " skip=" + k
                            + " count=1 2>/dev/null && base64 " + tmp + " && sha256sum " + tmp);
                    chunk = decodeChunk(r.output());
                }
                if (chunk == null || chunk.length == 0) {
                    throw new ShellException("Chunk at " + offset + " of " + remote + " did not arrive intact after " + TRIES + " tries");
                }
                out.write(chunk);
                offset += chunk.length;
                progress.accept(rate.at(offset));
            }
        }
        shell.run("rm -f " + tmp);
        String want = boardHash(q);
        String got = Hashes.sha256Hex(Files.readAllBytes(part));
        if (!want.equals(got)) {
            Files.delete(part);
            throw new ShellException("SHA-256 of the copy is " + got + ", the board's " + remote + " is " + want);
        }
        Files.move(part, local, StandardCopyOption.REPLACE_EXISTING);
        return want;
    }

    /** Base64 lines followed by {@code HASH  FILE}; null if the hash does not match what was decoded. */
    private static byte[] decodeChunk(String output) {
        Matcher m = HASH.matcher(output);
        if (!m.find()) {
            return null;
        }
        String b64 = output.substring(0, m.start()).replaceAll("\\s", "");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return Hashes.sha256Hex(bytes).equals(m.group(1)) ? bytes : null;
    }

    private static String lines(String b64) {
        StringBuilder sb = new StringBuilder(b64.length() + b64.length() / LINE + 1);
        for (int i = 0; i < b64.length(); i += LINE) {
            sb.append(b64, i, Math.min(b64.length(), i + LINE)).append('\n');
        }
        return sb.toString();
    }

    /** Rate and time left measured over this session (a resumed transfer counts from where it resumed). */
    private static final class Rate {
        private final String file;
        private final long total;
        private final long startOffset;
        private final long t0 = System.nanoTime();

        Rate(String file, long total, long startOffset) {
            this.file = file;
            this.total = total;
            this.startOffset = startOffset;
        }

        TransferProgress at(long done) {
            double secs = Math.max(1e-3, (System.nanoTime() - t0) / 1e9);
            double rate = (done - startOffset) / secs;
            long left = rate <= 0 ? -1 : (long) Math.ceil((total - done) / rate);
            return new TransferProgress(file, done, total, rate, left);
        }
    }
}
