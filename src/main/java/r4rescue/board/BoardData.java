package r4rescue.board;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import r4rescue.util.JsonResource;

/**
 * The BPI-R4's facts as data ({@code r4rescue/board/bpi-r4.json}): boot DIP switches, flash
 * layouts, image file names, U-Boot menus. Each fact carries its source and a confirmed flag.
 */
public final class BoardData {

    /** One position of the SW3 block: lever values 0 = up, 1 = down. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DipPosition(Medium medium, String label, int a, int b, boolean confirmed, String source) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Part(String name, long offset, long size, String content, String type) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UbiVol(String name, long size, String type, String content) {
        public boolean isStatic() {
            return "static".equals(type);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Layout(String source, boolean confirmed, String device, long size, long pageSize, long blockSize,
                         long boot0Size, List<Part> partitions, List<Long> bl2Copies, List<UbiVol> ubiVolumes,
                         JsonNode install, long envOffset, long envRedundOffset, long envSize) {
        public Part part(String name) {
            for (Part p : partitions) {
                if (p.name().equals(name)) {
                    return p;
                }
            }
            return null;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Menu(String title, List<String> entries, String source, boolean confirmed) {
    }

    private static final JsonResource<BoardData> STANDARD = new JsonResource<>("/r4rescue/board/bpi-r4.json", BoardData::new);
    private final JsonNode root;
    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private BoardData(JsonNode root) {
        this.root = root;
    }

    public static BoardData standard() {
        return STANDARD.get();
    }

    /** The raw JSON, for facts this class has no accessor for. */
    public JsonNode json() {
        return root;
    }

    /** SW3 positions per boot medium, in the order of the table (NAND, eMMC, SD, none). */
    public List<DipPosition> dipPositions() {
        List<DipPosition> out = new ArrayList<>();
        for (JsonNode n : root.path("dip").path("positions")) {
            out.add(mapper.convertValue(n, DipPosition.class));
        }
        return out;
    }

    /** Switch names, e.g. ["SW3-A", "SW3-B"]. */
    public List<String> dipSwitchNames() {
        List<String> out = new ArrayList<>();
        root.path("dip").path("switches").forEach(n -> out.add(n.asText()));
        return out;
    }

    public DipPosition dipFor(Medium m) {
        for (DipPosition p : dipPositions()) {
            if (p.medium() == m) {
                return p;
            }
        }
        throw new IllegalArgumentException("no DIP position for " + m);
    }

    /** The medium the BROM boots from with levers at {@code a}/{@code b} (0 = up, 1 = down). */
    public Medium mediumFor(int a, int b) {
        for (DipPosition p : dipPositions()) {
            if (p.a() == a && p.b() == b) {
                return p.medium();
            }
        }
        return Medium.NONE;
    }

    /** A flash layout: openwrt-snand, mtk-sdk-snand, openwrt-emmc, openwrt-sd. */
    public Layout layout(String key) {
        JsonNode n = root.path("layouts").path(key);
        if (n.isMissingNode()) {
            throw new IllegalArgumentException("no layout " + key);
        }
        return mapper.convertValue(n, Layout.class);
    }

    /** Boot menu for "openwrt-SNAND", "openwrt-EMMC", "openwrt-SD" or "mtk-sdk". */
    public Menu menu(String key) {
        JsonNode n = root.path("menus").path(key);
        if (n.isMissingNode()) {
            throw new IllegalArgumentException("no menu " + key);
        }
        return mapper.convertValue(n, Menu.class);
    }

    /** Image file name for a suffix such as {@code snand-preloader.bin}. */
    public String imageName(String suffix) {
        return root.path("images").path("prefix").asText() + suffix;
    }

    public String ubootVersion(String flavour) {
        return root.path("uboot").path(flavour).path("version").asText();
    }

    public String ubootPrompt(String flavour) {
        return root.path("uboot").path(flavour).path("prompt").asText();
    }
}
