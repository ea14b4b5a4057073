package r4rescue.procedure.sdcard;

/** What a read-back that differs from the image usually means, from where the first bad byte is. */
final class VerifyVerdict {

    private VerifyVerdict() {
    }

    static String explain(long offset, long bytes, String want, String got) {
        String head = "Verify failed: the card read back differs from the image (SHA-256 " + got.substring(0, 16)
                + "…, image " + want.substring(0, 16) + "…)";
        if (offset < 0) {
            return head + ". Write it again; if it fails again, use another reader or card.";
        }
        String at = String.format(", first at byte offset %,d (0x%x) of %,d.", offset, offset, bytes);
        if (offset >= (1 << 20) && Long.bitCount(offset) == 1) {
            return head + at + " That offset is a power of two (" + BlockDisks.size(offset) + "): the card is most likely counterfeit, "
                    + "really holding only " + BlockDisks.size(offset) + " while claiming more; writes past that wrap around or are lost. "
                    + "Use another card.";
        }
        return head + at + " The card or the reader failed there: try another USB reader or port; if the same offset "
                + "fails again, the card is worn out. Use another card.";
    }
}
