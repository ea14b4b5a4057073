package r4rescue.procedure.unbrick;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import r4rescue.board.BoardProfile;
import r4rescue.console.LineSplitter;
import r4rescue.procedure.core.Progress;

/**
 * Progress of the SD card's menu install, worked out from what U-Boot prints while the card's
 * {@code snand_install} script runs. The work is the bytes the script moves: each image read from
 * the card ({@code MMC read: … count N …}, cmd/mmc.c) and written to the NAND ({@code Writing N
 * byte(s)}, cmd/mtd.c; {@code Creating … volume V of size N} and {@code N bytes written to volume V},
 * cmd/ubi.c). U-Boot names a command's size when it starts and prints nothing until it ends, so in
 * between the command's bytes are counted at the rate so far; the recovery and production sizes
 * are typical ones from the board data until the card read names them. Figures are therefore an
 * estimate until the install ends. Fed from one thread.
 */
public final class InstallProgress {

    private static final Pattern MMC_READ = Pattern.compile("MMC read: dev # \\d+, block # (\\d+), count (\\d+) \\.\\.\\.");
    private static final Pattern MMC_DONE = Pattern.compile("(\\d+) blocks read: OK");
    private static final Pattern MTD_WRITE = Pattern.compile("Writing (\\d+) byte\\(s\\)"); // i18n-exempt: board output
    private static final Pattern UBI_CREATE = Pattern.compile("Creating (?:static|dynamic) volume (\\S+) of size (\\d+)"); // i18n-exempt: board output
    private static final Pattern UBI_WRITTEN = Pattern.compile("(\\d+) bytes written to volume (\\S+)");
    /** {@code imszb} first reads 0x100 blocks of a FIT to learn its size: a read this small names no image size. */
    private static final long HEADER_READ_MAX = 1 << 20;
    /** UBI volumes the script writes, by the image they hold (env {@code ubi_write_*}). */
    private static final Map<String, String> VOLUME_IMAGE = Map.of("fip", "fip", "recovery", "recovery", "fit", "production");

    private final BoardProfile.Layout sd;
    private final long installAt;
    private final JsonNode install;
    private final Map<String, Long> expected = new LinkedHashMap<>();
    private final Map<String, Long> doneByKey = new HashMap<>();
    private final Set<String> guessed = new HashSet<>();
    private final LineSplitter lines = new LineSplitter(4096, this::lineEnded);
    private final long startMs;
    private boolean lineStarted;
    private long doneBytes;
    private long lastEndMs;
    private String curKey;
    private long curBytes;
    private long curStartMs;
    private boolean completed;
    /** U-Boot's prompt at the end of the menu entry (its install script prints no closing line). */
    private final String completedLine;

    public InstallProgress(BoardProfile data, long startMs) {
        completedLine = data.text("menuReturn");
        sd = data.layout("openwrt-sd");
        BoardProfile.Layout snand = data.layout("openwrt-snand");
        install = sd.install();
        installAt = sd.part("install").offset();
        long bl2Copy = snand.part("bl2").size() / snand.bl2Copies().size();
        long fip = snand.ubiVolumes().stream().filter(v -> v.name().equals("fip")).findFirst().orElseThrow().size();
        JsonNode typical = install.get("typicalImageSizes");
        expected.put("card bl2", bl2Copy);
        expected.put("nand bl2", snand.part("bl2").size());
        expected.put("card fip", fip);
        expected.put("nand fip", fip);
        for (String image : new String[] {"recovery", "production"}) {
            long size = typical.get(image).asLong();
            expected.put("card " + image, size);
            expected.put("nand " + image, size);
            guessed.add("card " + image);
            guessed.add("nand " + image);
        }
        this.startMs = startMs;
        this.lastEndMs = startMs;
    }

    /** Console text as it arrives (any chunking; a line may still be unfinished). */
    public void feed(CharSequence text, long nowMs) {
        lines.feed(text, nowMs);
        // U-Boot's askenv prompt ends no line: it waits for ENTER.
        if (!completed && lines.partial().toString().contains(completedLine)) {
            finish(curBytes, nowMs);
            completed = true;
        }
        // "MMC read: … count N ... " stays unfinished until the read ends: its start counts now.
        if (!lineStarted) {
            Matcher m = MMC_READ.matcher(lines.partial());
            if (m.find()) {
                cardRead(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), nowMs);
                lineStarted = true;
            }
        }
    }

    private void lineEnded(String line, long now) {
        Matcher m;
        if (!lineStarted && (m = MMC_READ.matcher(line)).find()) {
            cardRead(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), now);
        }
        if ((m = MMC_DONE.matcher(line)).find()) {
            finish(Long.parseLong(m.group(1)) * 512, now);
        } else if ((m = MTD_WRITE.matcher(line)).find()) {
            start("nand bl2", Long.parseLong(m.group(1)), now);
        } else if ((m = UBI_CREATE.matcher(line)).find() && VOLUME_IMAGE.containsKey(m.group(1))) {
            String key = "nand " + VOLUME_IMAGE.get(m.group(1));
            long size = Long.parseLong(m.group(2));
            if (guessed.remove(key)) {
                expected.put(key, size);
            }
            // The volume's write follows at once and prints nothing until it ends.
            start(key, Math.min(size, expected.get(key)), now);
        } else if ((m = UBI_WRITTEN.matcher(line)).find()) {
            finish(Long.parseLong(m.group(1)), now);
        } else if (line.indexOf(completedLine) >= 0) {
            finish(curBytes, now);
            completed = true;
        }
        lineStarted = false;
    }

    private void cardRead(long block, long count, long now) {
        String image = imageAt(block * 512);
        long bytes = count * 512;
        String key = "card " + image;
        if (guessed.contains(key) && bytes > HEADER_READ_MAX) {
            // The script reads the whole image it is about to write: both sizes are now known.
            expected.put(key, doneByKey.getOrDefault(key, 0L) + bytes);
            expected.put("nand " + image, bytes);
            guessed.remove(key);
            guessed.remove("nand " + image);
        }
        start(key, bytes, now);
    }

    private String imageAt(long offset) {
        if (offset == installAt + install.get("snandBl2").asLong()) {
            return "bl2";
        }
        if (offset == installAt + install.get("snandFip").asLong()) {
            return "fip";
        }
        for (BoardProfile.Part p : sd.partitions()) {
            if (offset >= p.offset() && offset < p.offset() + p.size()) {
                return p.name();
            }
        }
        return "other";
    }

    private void start(String key, long bytes, long now) {
        if (curKey != null) {
            finish(curBytes, now);
        }
        curKey = key;
        curBytes = bytes;
        curStartMs = now;
    }

    private void finish(long bytes, long now) {
        if (curKey == null) {
            return;
        }
        doneByKey.merge(curKey, bytes, Long::sum);
        doneBytes += bytes;
        lastEndMs = now;
        curKey = null;
    }

    /** True once the menu entry ended (whether it wrote everything is for the read-back to say). */
    public boolean completed() {
        return completed;
    }

    /** The figures at {@code nowMs}, worded by {@link Progress#text()}. */
    public Progress figures(long nowMs) {
        long total = 0;
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            total += Math.max(e.getValue(), doneByKey.getOrDefault(e.getKey(), 0L));
        }
        for (Map.Entry<String, Long> e : doneByKey.entrySet()) {
            if (!expected.containsKey(e.getKey())) {
                total += e.getValue();
            }
        }
        long done = doneBytes;
        if (curKey != null) {
            if (!expected.containsKey(curKey)) {
                total += curBytes;
            }
            double rate = doneBytes / Math.max(1.0, lastEndMs - startMs);
            done += (long) Math.min(curBytes * 0.95, rate * (nowMs - curStartMs));
        }
        if (completed) {
            done = total;
        }
        return new Progress("install", Math.min(done, total), total, nowMs - startMs,
                !completed && (curKey != null || !guessed.isEmpty()));
    }
}
