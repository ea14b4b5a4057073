package r4rescue.procedure.sdcard;

import r4rescue.util.Message;

/** What a read-back that differs from the image usually means, from where the first bad byte is. */
final class VerifyVerdict {

    private VerifyVerdict() {
    }

    static Message explain(long offset, long bytes, String want, String got) {
        String gotShort = got.substring(0, 16);
        String wantShort = want.substring(0, 16);
        if (offset < 0) {
            return Message.of("sdcard.verify.again", gotShort, wantShort);
        }
        String at = CardWriter.n(offset);
        String hex = Long.toHexString(offset);
        if (offset >= (1 << 20) && Long.bitCount(offset) == 1) {
            return Message.of("sdcard.verify.counterfeit", gotShort, wantShort, at, hex, CardWriter.n(bytes), BlockDisks.size(offset));
        }
        return Message.of("sdcard.verify.failing", gotShort, wantShort, at, hex, CardWriter.n(bytes));
    }
}
