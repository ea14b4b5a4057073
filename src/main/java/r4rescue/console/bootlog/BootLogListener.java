package r4rescue.console.bootlog;

/** Receives the observer's events on the thread that feeds it; must return quickly. */
@FunctionalInterface
public interface BootLogListener {
    void onEvent(BootEvent event);
}
