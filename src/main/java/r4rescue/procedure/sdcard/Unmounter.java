package r4rescue.procedure.sdcard;

import java.io.IOException;
import java.nio.file.Path;

import r4rescue.util.Message;
import r4rescue.util.Texts;

/** Unmounts one partition of the card before it is written: umount(8) as root, or UDisks2 for a user. */
public interface Unmounter {

    void unmount(Path partition) throws IOException;

    /** umount(8): for root (benches, CI). */
    static Unmounter umount() {
        return partition -> {
            Process p = new ProcessBuilder("umount", partition.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            try {
                if (p.waitFor() != 0) {
                    throw new SdcardException(SdcardException.Kind.REFUSED, Message.of("sdcard.unmount.failed", partition, out));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SdcardException(SdcardException.Kind.REFUSED, Message.of("sdcard.unmount.interrupted", partition));
            }
        };
    }
}
