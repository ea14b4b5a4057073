package r4rescue.board;

/** The profiles tests hand to the code under test, as a face would. */
public final class Boards {

    /** The Banana Pi BPI-R4 (the program's default board). */
    public static final BoardProfile R4 = BoardProfile.load(BoardProfile.DEFAULT_ID);

    /** A test-only board (src/test/resources/r4rescue/boards/test-quad): four levers with other names and words. */
    public static final String QUAD = "test-quad";

    private Boards() {
    }
}
