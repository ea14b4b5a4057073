package r4rescue.procedure.sdcard;

import r4rescue.util.Texts;

/** What a read-back that differs from the image usually means, from where the first bad byte is. */
final class VerifyVerdict {

    private VerifyVerdict() {
    }

    static String explain(long offset, long bytes, String want, String got) {
        String head = Texts.t("sdcard.verify.differs", got.substring(0, 16), want.substring(0, 16));
        if (offset < 0) {
            return head + ". " + Texts.t("sdcard.verify.again");
        }
        String at = Texts.t("sdcard.verify.at", CardWriter.n(offset), Long.toHexString(offset), CardWriter.n(bytes));
        if (offset >= (1 << 20) && Long.bitCount(offset) == 1) {
            return head + at + " " + Texts.t("sdcard.verify.counterfeit", BlockDisks.size(offset));
        }
        return head + at + " " + Texts.t("sdcard.verify.failing");
    }
}
