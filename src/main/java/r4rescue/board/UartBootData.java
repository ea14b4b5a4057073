package r4rescue.board;

import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The facts of a board's serial recovery path as data (the profile's {@code uartboot.json}, read
 * through {@link BoardProfile#uartBoot()}): the Boot ROM's download protocol, BL2's FIP download,
 * and what a RAM-boot BL2 file looks like. The host protocols and the simulated board read the same numbers.
 */
public final class UartBootData {

    private final JsonNode root;

    UartBootData(JsonNode root) {
        this.root = root;
    }

    public byte[] bromHandshake() {
        return HexFormat.of().parseHex(root.at("/brom/handshakeHex").asText());
    }

    /** A number of the Boot ROM group, e.g. {@code "fastBaud"} or {@code "cmd/sendDa"}. */
    public int brom(String path) {
        return num("/brom/" + path);
    }

    /** A number of the BL2 download group, e.g. {@code "firstPacket"} or {@code "cmd/go"}. */
    public int bl2dl(String path) {
        return num("/bl2dl/" + path);
    }

    /** A text of the BL2 download group: {@code startLine}, {@code doneLine}, {@code request}, {@code response}. */
    public String bl2dlText(String name) {
        return root.at("/bl2dl/" + name).asText();
    }

    /** The text every RAM BL2 with FIP download carries (its own "Starting UART download handshake"). */
    public String ramBl2Marker() {
        return root.at("/ramBl2/marker").asText();
    }

    public int ramBl2MaxBytes() {
        return num("/ramBl2/maxBytes");
    }

    public String ramBl2FileNames() {
        StringBuilder b = new StringBuilder();
        root.at("/ramBl2/fileNames").forEach(n -> b.append(b.length() == 0 ? "" : ", ").append(n.asText()));
        return b.toString();
    }

    private int num(String pointer) {
        JsonNode n = root.at(pointer);
        if (n.isMissingNode()) {
            throw new IllegalArgumentException("uartboot.json has no " + pointer);
        }
        return n.asInt();
    }
}
