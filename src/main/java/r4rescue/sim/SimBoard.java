package r4rescue.sim;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import r4rescue.board.BoardProfile;
import r4rescue.board.Medium;
import r4rescue.link.PipeLink;
import r4rescue.sim.boot.BootRom;
import r4rescue.sim.state.SimState;
import r4rescue.sim.state.MmcDevice;

/**
 * The simulated Banana Pi BPI-R4. Its firmware runs on one "CPU" thread as plain sequential code
 * (BROM, BL2, BL31, U-Boot, Linux), reading the UART with timeouts as the real firmware polls it.
 * Bench actions (power, DIP switches, SD card, cable) and line faults are method calls.
 * Everything in {@link SimState} survives power cycles; RAM does not.
 */
public final class SimBoard implements PipeLink.Peer {

    private final SimState state;
    private final StageTexts text = StageTexts.standard();
    private final Faults faults = new Faults(42);
    private final Uart uart = new Uart(faults);
    private final List<Consumer<String>> eventListeners = new CopyOnWriteArrayList<>();
    private volatile double timeScale;
    private volatile Thread cpu;
    private volatile Sparse ram;
    private volatile Runnable cablePull = () -> { };
    private volatile Runnable cableReplug = () -> { };
    private volatile String stage = "off";
    private volatile int hostBaud = -1;
    private volatile boolean powerOnByKey = true;
    private volatile long countdownFloorMs;
    private volatile long bromWindowFloorMs = 60;
    private volatile int consoleBaud = 115200;

    public SimBoard(SimState state) {
        this.state = state;
        uart.onSent(this::checkPullAfterBytes);
    }

    // ---- wiring ---------------------------------------------------------------------------

    /** Connects the board to the host end of {@code l}; its output is delivered there. */
    public void attach(PipeLink l) {
        uart.setHost(l::deliver);
        setCable(() -> l.disconnect("Cable pulled (simulated)"), l::reconnect);
    }

    /** Sends the board's output somewhere else than a PipeLink (the TCP server). */
    public void attach(Uart.Host host) {
        uart.setHost(host);
    }

    /** What pulling and replugging the serial cable does to the current connection. */
    public void setCable(Runnable pull, Runnable replug) {
        cablePull = pull;
        cableReplug = replug;
    }

    /** 0 = no pauses (tests), 1 = real-time-ish stage pauses. */
    public void setTimeScale(double s) {
        timeScale = s;
    }

    /** Pace output at the UART's baud rate (10 bits per byte) instead of as fast as possible. */
    public void setPaced(boolean paced) {
        uart.setPaced(paced);
    }

    /** The console's line rate after power-on (115200 on the real board). */
    public void setConsoleBaud(int baud) {
        consoleBaud = baud;
        uart.setBaud(baud);
    }

    /** Whether a key from the host switches an unpowered board on (true by default: demo mode). */
    public void setPowerOnByKey(boolean b) {
        powerOnByKey = b;
    }

    public SimState state() {
        return state;
    }

    /** The board's facts (its state's profile). */
    public BoardProfile data() {
        return state.profile();
    }

    public StageTexts text() {
        return text;
    }

    public Faults faults() {
        return faults;
    }

    public Uart uart() {
        return uart;
    }

    /** The boot stage reached: off, brom, halt, bl2, bl31, uboot, menu, prompt, kernel, shell... */
    public String stage() {
        return stage;
    }

    public void addEventListener(Consumer<String> l) {
        eventListeners.add(l);
    }

    // ---- PipeLink.Peer --------------------------------------------------------------------

    @Override
    public void onHostBytes(byte[] d, int off, int len) {
        if (cpu == null) {
            if (powerOnByKey) {
                powerOn(); // the key itself is lost: the UART was not running yet
            }
            return;
        }
        if (hostBaud > 0 && hostBaud != uart.baud()) {
            byte[] g = new byte[len];
            for (int i = 0; i < len; i++) {
                g[i] = (byte) (d[off + i] ^ 0x5a); // wrong baud rate: framing garbage
            }
            uart.hostBytes(g, 0, len);
        } else {
            uart.hostBytes(d, off, len);
        }
    }

    @Override
    public void onBaud(int baud) {
        hostBaud = baud;
    }

    // ---- hands on the bench ---------------------------------------------------------------

    public synchronized void powerOn() {
        if (cpu != null) {
            return;
        }
        ram = new Sparse((long) state.ramGiB << 30, 0);
        uart.setBaud(consoleBaud);
        Thread t = new Thread(this::runCpu, "sim-bpi-r4-cpu");
        t.setDaemon(true);
        cpu = t;
        t.start();
    }

    public void powerOff() {
        Thread t;
        synchronized (this) {
            t = cpu;
            cpu = null;
        }
        boolean self = t == Thread.currentThread();
        if (t != null) {
            t.interrupt();
            if (!self) {
                try {
                    t.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        uart.clearOutput();
        uart.clearInput();
        ram = null;
        state.warmReset = false;
        stage = "off";
        event("off");
        if (self) {
            throw new PowerLost(); // the firmware's own thread cut the power (from an event listener)
        }
    }

    public void powerCycle() {
        powerOff();
        powerOn();
    }

    public boolean powered() {
        return cpu != null;
    }

    /** Sets the boot switch, one value per lever (0 = up, 1 = down). Read by the BROM at the next power-on. */
    public void setDip(List<Integer> levers) {
        if (levers.size() != state.profile().dipLevers().size()) {
            throw new IllegalArgumentException(state.profile().dipBlock() + " has " + state.profile().dipLevers().size()
                    + " levers, not " + levers.size());
        }
        state.dip = List.copyOf(levers);
    }

    /** Sets the boot switch to the profile's position for {@code m}. */
    public void setDip(Medium m) {
        state.setBootMedium(m);
    }

    public void insertSd(MmcDevice card) {
        if (card != null) {
            state.sd = card;
        }
        state.sdInserted = state.sd != null;
    }

    public void removeSd() {
        state.sdInserted = false;
    }

    public void pullCable() {
        cablePull.run();
    }

    public void replugCable() {
        cableReplug.run();
    }

    /** Saves everything the board stores (flash, disks, switches) as JSON; load it with ScenarioBuilder.load(path). */
    public void saveState(java.nio.file.Path file) throws java.io.IOException {
        ScenarioBuilder.save(state, file);
    }

    // ---- for the firmware ------------------------------------------------------------------

    public Sparse ram() {
        Sparse r = ram;
        if (r == null) {
            throw new PowerLost();
        }
        return r;
    }

    public void print(String s) {
        uart.write(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void println(String s) {
        print(s + "\r\n");
    }

    public void write(byte[] b) {
        uart.write(b);
    }

    /** The next key, or -1 after {@code timeoutMs}. */
    public int read(long timeoutMs) {
        return uart.read(timeoutMs);
    }

    /** Waits {@code ms} scaled by the time scale. */
    public void pause(long ms) {
        long scaled = (long) (ms * timeScale);
        if (Thread.currentThread().isInterrupted()) {
            throw new PowerLost();
        }
        if (scaled > 0) {
            try {
                Thread.sleep(scaled);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PowerLost();
            }
        }
    }

    /**
     * The shortest real time a U-Boot countdown second may take, whatever the time scale: lets a
     * host see "Hit any key" and answer even when the board runs without pauses.
     */
    public void setCountdownFloorMs(long ms) {
        countdownFloorMs = ms;
    }

    public long countdownFloorMs() {
        return countdownFloorMs;
    }

    /**
     * The shortest real time the Boot ROM listens for the UART download handshake after power-on,
     * whatever the time scale: a host on a busy machine must get a byte in.
     */
    public void setBromWindowFloorMs(long ms) {
        bromWindowFloorMs = ms;
    }

    public long bromWindowFloorMs() {
        return bromWindowFloorMs;
    }

    public double timeScale() {
        return timeScale;
    }

    /** Blocks until the power goes (BROM {@code System halt!}, kernel hang). */
    public void hang() {
        while (true) {
            uart.read(60_000);
        }
    }

    /** The firmware reached a named point; listeners and the cable-pull fault hear of it. */
    public void event(String name) {
        if (!name.startsWith("cmd:")) {
            stage = name;
        }
        for (Consumer<String> l : eventListeners) {
            l.accept(name);
        }
        String at = faults.pullAtEvent;
        if (at != null && at.equals(name)) {
            faults.pullAtEvent = null;
            pullCable();
        }
        String reset = faults.ubootResetAtEvent;
        if (reset != null && reset.equals(name)) {
            faults.ubootResetAtEvent = null;
            throw new Reset();
        }
    }

    private void checkPullAfterBytes() {
        long n = faults.pullAfterBytes;
        if (n >= 0 && uart.sentBytes() >= n) {
            faults.pullAfterBytes = -1;
            pullCable();
        }
    }

    private void runCpu() {
        try {
            while (true) {
                try {
                    new BootRom(this).run();
                    hang();
                } catch (Reset r) {
                    state.warmReset = true;
                    ram().set(0, 0, 0);
                }
            }
        } catch (PowerLost p) {
            // the power went: the CPU simply stops
        }
    }
}
