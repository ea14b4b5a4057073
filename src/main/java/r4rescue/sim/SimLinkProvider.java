package r4rescue.sim;

import java.io.IOException;
import java.util.List;

import r4rescue.link.Link;
import r4rescue.link.LinkException;
import r4rescue.link.LinkProvider;
import r4rescue.link.PortInfo;
import r4rescue.sim.state.SimState;

/**
 * {@code sim:SCENARIO} (bytes as fast as possible, no stage pauses) and {@code sim:SCENARIO@paced}
 * (bytes paced at the baud rate, 10 bits a byte, real-time stage pauses); {@code @off} leaves the
 * board unpowered until {@link SimBoard#powerOn} (the bench's power button). SCENARIO is a
 * built-in name or a scenario/state JSON file.
 */
public final class SimLinkProvider implements LinkProvider {

    public static final String DEFAULT_SPEC = "sim:healthy-nand";

    @Override
    public boolean accepts(String spec) {
        return spec.startsWith("sim:");
    }

    @Override
    public Link create(String spec, int baud) throws IOException {
        String[] parts = spec.substring(4).split("@");
        String name = parts[0].isBlank() ? "healthy-nand" : parts[0];
        boolean paced = false;
        boolean off = false;
        for (int i = 1; i < parts.length; i++) {
            switch (parts[i]) {
                case "paced" -> paced = true;
                case "off" -> off = true;
                default -> throw new LinkException(LinkException.Reason.NOT_FOUND,
                        "Unknown option @" + parts[i] + " in " + spec, "Options: @paced, @off");
            }
        }
        SimState state;
        try {
            state = ScenarioBuilder.load(name);
        } catch (IOException e) {
            throw new LinkException(LinkException.Reason.NOT_FOUND, e.getMessage(), "Try sim:healthy-nand");
        }
        SimBoard board = new SimBoard(state);
        board.setConsoleBaud(baud);
        board.setPaced(paced);
        board.setTimeScale(paced ? 1.0 : 0.0);
        board.setCountdownFloorMs(paced ? 0 : 300);
        board.setBromWindowFloorMs(300);
        board.setPowerOnByKey(!off);
        return new SimLink("sim:" + name + (paced ? "@paced" : ""), baud, board, !off);
    }

    @Override
    public List<String> variants() {
        return List.of(ScenarioBuilder.BUILT_IN);
    }

    @Override
    public String variantOf(String spec) {
        if (!accepts(spec)) {
            return null;
        }
        int at = spec.indexOf('@');
        return spec.substring(4, at < 0 ? spec.length() : at);
    }

    /** Keeps the options: {@code sim:bl2-corrupt@paced} with {@code healthy-nand} is {@code sim:healthy-nand@paced}. */
    @Override
    public String withVariant(String spec, String variant) {
        int at = spec.indexOf('@');
        return "sim:" + variant + (at < 0 ? "" : spec.substring(at));
    }

    @Override
    public void preload() throws IOException {
        ScenarioBuilder.scenario(ScenarioBuilder.BUILT_IN[0]);
    }

    @Override
    public List<PortInfo> ports() {
        return List.of(new PortInfo(DEFAULT_SPEC, DEFAULT_SPEC, "Simulated BPI-R4", -1, -1, null, null, false));
    }
}
