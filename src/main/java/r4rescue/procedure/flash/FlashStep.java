package r4rescue.procedure.flash;

import r4rescue.util.Message;
import r4rescue.util.Texts;

/** The steps of a flash, in order; their names in the user's language. */
public enum FlashStep {
    VALIDATE("proc.flashstep.checkTheFile"),
    FIND_LAYOUT("proc.flashstep.findWhereItGoes"),
    LOAD("proc.flashstep.sendTheImageTo"),
    CHECK_LOAD("proc.flashstep.compareTheCRCIn"),
    ERASE("proc.flashstep.erase"),
    WRITE("proc.flashstep.write"),
    READ_BACK("proc.flashstep.readBack"),
    VERIFY("proc.flashstep.compareWhatWasRead"),
    REPORT("proc.flashstep.report");

    private final String key;

    FlashStep(String key) {
        this.key = key;
    }

    public String label() {
        return Texts.t(key);
    }

    public Message message() {
        return Message.of(key);
    }
}
