package r4rescue.console.bootlog;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import r4rescue.util.JsonResource;
import r4rescue.util.Texts;

/**
 * The boot-chain knowledge as data: anchors and stage timings (stages.json), failure signatures
 * and stop rules (signatures.json), compiled once: regexes precompiled and every literal in one
 * {@link LiteralMatcher}. Immutable; one instance serves any number of observers.
 */
public final class BootLogData {

    private static final String BASE = "/r4rescue/bootlog/";
    private static final JsonResource<BootLogData> STANDARD = new JsonResource<>(BASE + "signatures.json",
            signatures -> new BootLogData(JsonResource.read(BASE + "stages.json"), signatures));

    final int maxLineChars;
    final long silentAfterMs;
    final Map<Stage, StageTiming> timings;
    final List<Anchor> anchors;
    final List<Signature> signatures;
    final List<StopRule> stops;
    final List<String> benign;
    /** Literal id → what it belongs to: an Anchor, a Signature, or a benign String. */
    final Object[] owners;
    /** Literal id → index into {@link #signatures}, or -1. */
    final int[] signatureOf;
    final LiteralMatcher matcher;

    private BootLogData(JsonNode stagesJson, JsonNode signaturesJson) {
        maxLineChars = stagesJson.path("maxLineChars").asInt(2048);
        silentAfterMs = stagesJson.path("silentAfterMs").asLong(5000);
        Map<Stage, StageTiming> t = new EnumMap<>(Stage.class);
        for (JsonNode n : stagesJson.path("stages")) {
            Stage s = Stage.valueOf(n.path("stage").asText());
            t.put(s, new StageTiming(s, n.path("typicalMs").asLong(), n.path("hangAfterMs").asLong()));
        }
        timings = Map.copyOf(t);
        List<Anchor> a = new ArrayList<>();
        for (JsonNode n : stagesJson.path("anchors")) {
            a.add(new Anchor(Anchor.Kind.valueOf(n.path("kind").asText()), stage(n, "stage"), required(n, "contains"),
                    regex(n, "regex"), text(n, "value"), text(n, "key"), n.path("weak").asBoolean(false),
                    stage(n, "before"), text(n, "source")));
        }
        anchors = List.copyOf(a);
        List<Signature> sigs = new ArrayList<>();
        for (JsonNode n : signaturesJson.path("signatures")) {
            List<String> contains = new ArrayList<>();
            n.path("contains").forEach(c -> contains.add(c.asText()));
            if (contains.isEmpty()) {
                throw new IllegalArgumentException("signature without contains: " + n.path("id").asText());
            }
            Set<Stage> stages = EnumSet.noneOf(Stage.class);
            n.path("stages").forEach(s -> stages.add(Stage.valueOf(s.asText())));
            sigs.add(new Signature(required(n, "id"), stage(n, "stage"),
                    Signature.Severity.valueOf(n.path("severity").asText("fatal").toUpperCase(Locale.ROOT)),
                    n.path("rank").asInt(1), List.copyOf(contains), regex(n, "pattern"), stages,
                    Math.max(1, n.path("minCount").asInt(1)), regex(n, "onlyIfRoot"), english(n, "summary"),
                    english(n, "cause"), required(n, "fix"), text(n, "source"), n.path("confirmed").asBoolean(false)));
        }
        signatures = List.copyOf(sigs);
        List<StopRule> st = new ArrayList<>();
        for (JsonNode n : signaturesJson.path("stops")) {
            List<String> notSeen = new ArrayList<>();
            n.path("notSeen").forEach(x -> notSeen.add(x.asText()));
            st.add(new StopRule(required(n, "id"),
                    StopRule.When.valueOf(required(n, "when").toUpperCase(Locale.ROOT).replace('-', '_')),
                    stage(n, "stage"), text(n, "seen"), List.copyOf(notSeen), n.path("afterMs").asLong(0),
                    english(n, "summary"), english(n, "cause"), required(n, "fix"), text(n, "source"),
                    n.path("confirmed").asBoolean(false)));
        }
        stops = List.copyOf(st);
        List<String> b = new ArrayList<>();
        signaturesJson.path("benign").forEach(x -> b.add(required(x, "contains")));
        benign = List.copyOf(b);

        List<String> literals = new ArrayList<>();
        List<Object> own = new ArrayList<>();
        for (Anchor an : anchors) {
            literals.add(an.contains());
            own.add(an);
        }
        for (Signature s : signatures) {
            for (String c : s.contains()) {
                literals.add(c);
                own.add(s);
            }
        }
        for (String s : benign) {
            literals.add(s);
            own.add(s);
        }
        owners = own.toArray();
        signatureOf = new int[owners.length];
        for (int i = 0; i < owners.length; i++) {
            signatureOf[i] = owners[i] instanceof Signature sig ? signatures.indexOf(sig) : -1;
        }
        matcher = new LiteralMatcher(literals);
    }

    /** The data shipped with the program. */
    public static BootLogData standard() {
        return STANDARD.get();
    }

    public List<Signature> signatures() {
        return signatures;
    }

    public List<StopRule> stopRules() {
        return stops;
    }

    public List<Anchor> anchors() {
        return anchors;
    }

    public StageTiming timing(Stage stage) {
        return timings.get(stage);
    }

    public StopRule stopRule(StopRule.When when) {
        for (StopRule r : stops) {
            if (r.when() == when) {
                return r;
            }
        }
        throw new IllegalStateException("signatures.json has no stop rule for " + when);
    }


    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String required(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("missing '" + field + "' in " + n);
        }
        return v;
    }

    /**
     * A finding's English words, from the diag bundle by the finding's id ({@code diag.finding.ID.summary}):
     * the JSON holds the rules, the bundles the words in every language.
     */
    private static String english(JsonNode n, String field) {
        String key = Finding.key(required(n, "id"), field);
        if (!Texts.has(key)) {
            throw new IllegalArgumentException("missing text " + key + " for " + n);
        }
        return Texts.en(key);
    }

    private static Pattern regex(JsonNode n, String field) {
        String v = text(n, field);
        return v == null ? null : Pattern.compile(v);
    }

    private static Stage stage(JsonNode n, String field) {
        String v = text(n, field);
        return v == null ? null : Stage.valueOf(v);
    }
}
