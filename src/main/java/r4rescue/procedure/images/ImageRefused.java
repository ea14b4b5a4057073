package r4rescue.procedure.images;

/** A file the library will not keep: its checksum or headers are wrong, or nothing vouches for it. */
public final class ImageRefused extends Exception {

    public ImageRefused(String message) {
        super(message);
    }
}
