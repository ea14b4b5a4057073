package r4rescue.util;

import java.util.List;

/**
 * A text not yet put into words: a bundle key and its arguments. Results and errors that reach both
 * the user and {@code --json} carry one, so that the user reads {@link #text()} in their language
 * while JSON gets the {@link #key()} as an id and {@link #english()}.
 */
public record Message(String key, List<Object> args) {

    public Message {
        Texts.bundleOf(key);
        args = List.copyOf(args);
    }

    public static Message of(String key, Object... args) {
        return new Message(key, List.of(args));
    }

    /** In the user's language. */
    public String text() {
        return Texts.t(key, args.toArray());
    }

    /** In English, for JSON and shared transcripts; an argument that is a Message is English too. */
    public String english() {
        return Texts.en(key, args.stream().map(a -> a instanceof Message m ? m.english() : a).toArray());
    }

    @Override
    public String toString() {
        return text();
    }
}
