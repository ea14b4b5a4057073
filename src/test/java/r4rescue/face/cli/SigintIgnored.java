package r4rescue.face.cli;

/** The Ctrl-C tests' reason to skip. */
final class SigintIgnored {

    /**
     * Why they skip where SIGINT is ignored: a shell starts a background job ({@code mvn verify &}) with SIGINT
     * ignored, the JVM then installs no handler (and says nothing), and a raised SIGINT reaches no one.
     */
    static final String WHY = "SIGINT is ignored in this process (started in the background by a shell?): Ctrl-C cannot be tested here";

    private SigintIgnored() {
    }
}
