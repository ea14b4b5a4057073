package r4rescue.procedure.flash;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import r4rescue.board.BoardProfile;
import r4rescue.board.Medium;

/** The known flash layouts and where each keeps BL2 and FIP (the board profile's {@code flash-layouts.json}). */
public final class FlashLayouts {

    /**
     * Where one role lives in a layout; unused fields are null or empty. Copy offsets and
     * {@code maxSize} come from the board's facts ({@code bpi-r4.json}).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Placement(Method method, String mtd, String volume, String partition, List<Long> copies,
                            long copySize, long blocks, long maxSize, String partconfBoot0, String partconfUser) {

        /** The most bytes an image may have here, as far as known before the board is asked. */
        public long limit() {
            return method == Method.MTD_COPIES ? copySize : maxSize;
        }
    }

    /** One layout: its id, a label for people, the medium, where BL2 and FIP are, and the source. */
    public record Layout(String id, String label, Medium medium, String source, boolean confirmed,
                         Map<Role, Placement> places) {

        public Placement place(Role r) {
            return places.get(r);
        }
    }

    private final List<Layout> layouts;
    private final Map<Medium, List<String>> fileHints = new EnumMap<>(Medium.class);
    private final Map<Medium, String> afterDamage = new EnumMap<>(Medium.class);
    private final String retryAdvice;

    private FlashLayouts(JsonNode root, BoardProfile board) {
        ObjectMapper m = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        List<Layout> list = new ArrayList<>();
        for (JsonNode n : root.get("layouts")) {
            BoardProfile.Layout facts = board.layout(n.get("board").asText());
            Map<Role, Placement> places = new EnumMap<>(Role.class);
            for (Role r : Role.values()) {
                JsonNode p = n.get(r.lower());
                if (p != null) {
                    places.put(r, withSizes(m.convertValue(p, Placement.class), facts));
                }
            }
            list.add(new Layout(n.get("id").asText(), n.get("label").asText(), Medium.valueOf(n.get("medium").asText()),
                    n.path("source").asText(), n.path("confirmed").asBoolean(), Map.copyOf(places)));
        }
        layouts = List.copyOf(list);
        JsonNode hints = root.get("fileHints");
        for (Medium md : Medium.values()) {
            List<String> words = new ArrayList<>();
            hints.path(md.name()).forEach(w -> words.add(w.asText()));
            fileHints.put(md, words);
        }
        JsonNode damage = root.get("afterDamage");
        retryAdvice = damage.get("retry").asText();
        for (Medium md : Medium.values()) {
            if (damage.has(md.name())) {
                afterDamage.put(md, damage.get(md.name()).asText());
            }
        }
    }

    /** Fills in copy offsets and size bounds from the board's facts. */
    private static Placement withSizes(Placement p, BoardProfile.Layout facts) {
        List<Long> copies = List.of();
        long copySize = 0;
        long max;
        switch (p.method()) {
            case MTD_COPIES -> {
                copies = List.copyOf(facts.bl2Copies());
                copySize = copies.size() > 1 ? copies.get(1) - copies.get(0) : facts.part(p.mtd()).size();
                max = copySize;
            }
            case MTD -> max = facts.part(p.mtd()).size();
            case UBI_VOLUME -> max = facts.ubiVolumes().stream().filter(v -> v.name().equals(p.volume()))
                    .mapToLong(BoardProfile.UbiVol::size).findFirst().orElseThrow();
            case MMC_GPT -> max = facts.part(p.partition()).size();
            case MMC_BOOT0 -> max = p.blocks() * 512;
            default -> throw new IllegalStateException(p.method().name());
        }
        return new Placement(p.method(), p.mtd(), p.volume(), p.partition(), copies, copySize, p.blocks(), max,
                p.partconfBoot0(), p.partconfUser());
    }

    /** The layouts of {@code board} ({@code flash-layouts.json} in its profile). */
    public static FlashLayouts of(BoardProfile board) {
        return new FlashLayouts(board.file("flash-layouts.json"), board);
    }

    /** All layouts, in the order they are tried. */
    public List<Layout> layouts() {
        return layouts;
    }

    /** Layouts on {@code medium} (all of them for null). */
    public List<Layout> on(Medium medium) {
        return medium == null ? layouts : layouts.stream().filter(l -> l.medium() == medium).toList();
    }

    /** The medium a file name points to ({@code ...-emmc-bl31-uboot.fip}), or null. */
    public Medium mediumHint(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        // Longest words first: "sdmmc" must not be read as "mmc", "snand" before "nand".
        Medium best = null;
        int bestLen = 0;
        for (Map.Entry<Medium, List<String>> e : fileHints.entrySet()) {
            for (String w : e.getValue()) {
                if (n.contains(w) && w.length() > bestLen) {
                    best = e.getKey();
                    bestLen = w.length();
                }
            }
        }
        return best;
    }

    /** What to do once {@code medium} lost its old image without a verified new one. */
    public String afterDamage(Medium medium) {
        return afterDamage.getOrDefault(medium, "");
    }

    /** While U-Boot still answers: try again without a power cycle. */
    public String retryAdvice() {
        return retryAdvice;
    }

}
