package r4rescue.protocol.uboot;

import java.io.IOException;

/** The board did not answer in time (no prompt, no autoboot seen): nothing is known about its state. */
public class NoAnswerException extends IOException {

    public NoAnswerException(String message) {
        super(message);
    }
}
