package r4rescue.link;

import java.util.List;

import r4rescue.board.Medium;

/**
 * What a person's hands do at the bench — power, the boot-switch levers, the SD slot — for a board
 * that a link can also reach that way (the simulated board). A real serial port has none
 * ({@link Link#bench()} is empty), and the window then shows no bench panel.
 */
public interface BenchControls {

    boolean powered();

    /** What the board is doing now, for the panel ("BL2", "U-Boot", "Linux"). */
    String stage();

    void powerOn();

    void powerOff();

    void powerCycle();

    /** The boot-switch levers in the board profile's order (SW3 A first on the BPI-R4): true = down (1). Read by the Boot ROM at the next power-on. */
    List<Boolean> switches();

    void setSwitches(List<Boolean> down);

    /** The medium the levers select now. */
    Medium bootMedium();

    boolean sdInserted();

    /** Pushes a card into the slot: the one last taken out, or else OpenWrt's rescue card. */
    void insertSd();

    void removeSd();
}
