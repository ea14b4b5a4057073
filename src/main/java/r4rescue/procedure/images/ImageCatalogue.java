package r4rescue.procedure.images;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import r4rescue.board.ImageKind;
import r4rescue.board.Medium;
import r4rescue.util.JsonResource;

/**
 * The OpenWrt files for the BPI-R4 as data ({@code procedure/images.json}): releases of
 * {@code mediatek/filogic}, the board variants and, per medium and DDR size, the file each flow needs.
 */
public final class ImageCatalogue {

    /** One OpenWrt release directory; {@code has8g} says whether it holds the 8 GB BL2s. */
    public record Release(String id, String path, String prefix, boolean has8g, String note) {
    }

    public record Device(String id, String model) {
    }

    /** One kind of file; {@code ddr} is "4g", "8g" or null when the file serves both. */
    public record FileType(String suffix, String role, ImageKind kind, Medium medium, String ddr, String what) {
    }

    /** One downloadable file: its release, device, type and name on the server. */
    public record Entry(Release release, Device device, FileType type) {
        public String fileName() {
            return release.prefix() + device.id() + "-" + type.suffix();
        }
    }

    private static final JsonResource<ImageCatalogue> STANDARD =
            new JsonResource<>("/r4rescue/procedure/images.json", ImageCatalogue::new);

    private final URI mirror;
    private final String sums;
    private final List<Release> releases = new ArrayList<>();
    private final List<Device> devices = new ArrayList<>();
    private final List<FileType> files = new ArrayList<>();

    private ImageCatalogue(JsonNode root) {
        mirror = URI.create(root.get("mirror").asText());
        sums = root.get("sums").asText();
        for (JsonNode r : root.get("releases")) {
            releases.add(new Release(r.get("id").asText(), r.get("path").asText(), r.get("prefix").asText(),
                    r.get("has8g").asBoolean(), r.path("note").asText(null)));
        }
        for (JsonNode d : root.get("devices")) {
            devices.add(new Device(d.get("id").asText(), d.get("model").asText()));
        }
        for (JsonNode f : root.get("files")) {
            files.add(new FileType(f.get("suffix").asText(), f.get("role").asText(), ImageKind.valueOf(f.get("kind").asText()),
                    Medium.valueOf(f.get("medium").asText()), f.get("ddr").isNull() ? null : f.get("ddr").asText(),
                    f.get("what").asText()));
        }
    }

    public static ImageCatalogue standard() {
        return STANDARD.get();
    }

    /** downloads.openwrt.org, unless a mirror is given. */
    public URI mirror() {
        return mirror;
    }

    /** The name of the checksum file in each release directory. */
    public String sumsName() {
        return sums;
    }

    public List<Release> releases() {
        return List.copyOf(releases);
    }

    public List<Device> devices() {
        return List.copyOf(devices);
    }

    public Optional<Release> release(String id) {
        return releases.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public Optional<Device> device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** Every file of {@code release} for {@code device} (the 8 GB ones only where the release has them). */
    public List<Entry> entries(Release release, Device device) {
        List<Entry> out = new ArrayList<>();
        for (FileType f : files) {
            if (!"8g".equals(f.ddr()) || release.has8g()) {
                out.add(new Entry(release, device, f));
            }
        }
        return out;
    }

    /** The entry whose file name is {@code name}, in any release and device. */
    public Optional<Entry> byName(String name) {
        for (Release r : releases) {
            for (Device d : devices) {
                for (Entry e : entries(r, d)) {
                    if (e.fileName().equals(name)) {
                        return Optional.of(e);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
