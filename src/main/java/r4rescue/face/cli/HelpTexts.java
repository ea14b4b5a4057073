package r4rescue.face.cli;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.stream.Collectors;

import r4rescue.util.Texts;

/**
 * picocli's help texts ({@code usage.description}, option descriptions) from the {@code cli} bundle,
 * where they live under {@code cli.help.}: picocli's own keys ({@code r4-rescue.diagnose.usage.description},
 * {@code port} for a mixin's {@code --port}) do not start with an area, and {@code Texts} picks the
 * language (the settings can override the OS locale, which {@code @Command(resourceBundle)} would not see).
 */
final class HelpTexts extends ResourceBundle {

    static final String PREFIX = "cli.help.";

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Locale locale;
    private final Set<String> keys;

    HelpTexts(Locale locale) {
        this.locale = locale;
        ResourceBundle english = ResourceBundle.getBundle("r4rescue.i18n.cli", Locale.ROOT, HelpTexts.class.getClassLoader(), NO_FALLBACK);
        this.keys = english.keySet().stream().filter(k -> k.startsWith(PREFIX))
                .map(k -> k.substring(PREFIX.length())).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    protected Object handleGetObject(String key) {
        return keys.contains(key) ? Texts.in(locale, PREFIX + key) : null;
    }

    @Override
    protected Set<String> handleKeySet() {
        return keys;
    }

    @Override
    public Enumeration<String> getKeys() {
        return Collections.enumeration(keys);
    }

    @Override
    public Locale getLocale() {
        return locale;
    }
}
