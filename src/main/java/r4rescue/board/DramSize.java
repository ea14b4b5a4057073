package r4rescue.board;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The board's RAM size and the RAM size a BL2 was built for, from the profile's {@code dram.json}.
 * OpenWrt builds one BL2 per RAM size for the BPI-R4 (the 8 GiB board needs the {@code -comb-4bg}
 * build); the wrong one does not bring up DRAM, so a BL2 or SD image for the other size is refused
 * before the board is touched, naming the right file.
 */
public final class DramSize {

    /** What a file was built for, and how we know ("its build name mt7988-…-comb-4bg", "its file name"). */
    public record Variant(int gib, String evidence) {
    }

    private record Says(Pattern regex, boolean mebibytes) {
    }

    private final BoardProfile profile;
    private final JsonNode data;
    private final List<Says> says = new ArrayList<>();
    private final Pattern variant;

    private DramSize(BoardProfile profile, JsonNode data) {
        this.profile = profile;
        this.data = data;
        for (JsonNode s : data.path("boardSays")) {
            says.add(new Says(Pattern.compile(s.path("regex").asText()), "MiB".equals(s.path("unit").asText())));
        }
        variant = Pattern.compile(data.path("bl2Variant").path("regex").asText());
    }

    /** The profile's RAM facts; empty for a board with one RAM size (no {@code dram.json}). */
    public static Optional<DramSize> of(BoardProfile profile) {
        try {
            return Optional.of(new DramSize(profile, profile.file("dram.json")));
        } catch (IllegalArgumentException missing) {
            return Optional.empty();
        }
    }

    /** The RAM size a console line states (U-Boot's {@code DRAM:} line, BL2's EMI lines), in GiB. */
    public OptionalInt fromLine(String line) {
        for (Says s : says) {
            Matcher m = s.regex().matcher(line.strip());
            if (m.find()) {
                int n = Integer.parseInt(m.group(1));
                return OptionalInt.of(s.mebibytes() ? n / 1024 : n);
            }
        }
        return OptionalInt.empty();
    }

    /** The U-Boot command that stores the RAM size in MiB in {@link #askVariable()}. */
    public String askCommand() {
        return data.path("ubootAsk").path("command").asText();
    }

    public String askVariable() {
        return data.path("ubootAsk").path("variable").asText();
    }

    /** GiB from the answer to {@link #askCommand()} (decimal MiB); empty if it is not a number. */
    public static OptionalInt fromMebibytes(String mib) {
        try {
            long n = Long.parseLong(mib.strip());
            return n > 0 ? OptionalInt.of((int) (n / 1024)) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * The RAM size a BL2, or an SD image holding one, was built for: first the variant name OpenWrt's
     * TF-A build writes into BL2, then the file name; empty when neither says.
     */
    public Optional<Variant> ofImage(String fileName, byte[] bytes) {
        JsonNode v = data.path("bl2Variant");
        int scan = (int) Math.min(bytes.length, v.path("scanBytes").asLong(8 << 20));
        Matcher m = variant.matcher(new String(bytes, 0, scan, StandardCharsets.ISO_8859_1));
        if (m.find()) {
            String name = m.group(1);
            boolean eight = name.endsWith(v.path("eightGiBWhenEndsWith").asText());
            return Optional.of(new Variant(eight ? 8 : 4, "its build name " + name));
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (JsonNode s : data.path("fileNames").path("eightGiB")) {
            if (lower.endsWith(s.asText())) {
                return Optional.of(new Variant(8, "its file name"));
            }
        }
        return Optional.empty();
    }

    /** The full name of the file for {@code medium} and {@code gib}, or null when the profile has none. */
    public String rightFile(Medium medium, int gib) {
        JsonNode n = data.path("rightFile").path(medium.name()).path(Integer.toString(gib));
        return n.isMissingNode() ? null : profile.imageName(n.asText());
    }

    /**
     * Why {@code fileName} must not go on a board with {@code boardGib} GiB, or null when it fits or
     * its size is not known. {@code boardEvidence} says how the board's size is known.
     */
    public String refusal(String fileName, byte[] bytes, Medium medium, int boardGib, String boardEvidence) {
        return ofImage(fileName, bytes).map(v -> refusal(fileName, v, medium, boardGib, boardEvidence)).orElse(null);
    }

    /** The same for a file whose {@link #ofImage variant} is already known. */
    public String refusal(String fileName, Variant v, Medium medium, int boardGib, String boardEvidence) {
        if (v.gib() == boardGib) {
            return null;
        }
        String right = medium == null ? null : rightFile(medium, boardGib);
        return fileName + " is the BL2 for " + v.gib() + " GiB boards (" + v.evidence() + "), but this board has "
                + boardGib + " GiB (" + boardEvidence + "). A BL2 for the wrong RAM size does not bring up DRAM and the board "
                + "stops in BL2. " + (right == null ? "Use the " + boardGib + " GiB build." : "Use " + right + ".");
    }
}
