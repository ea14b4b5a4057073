package r4rescue.procedure.preflight;

import r4rescue.util.Message;

/** What a pre-flight check found: one sentence of what it means, one of what to do. */
public enum Verdict {
    LOOPBACK_OK(true, Message.of("proc.preflight.loopbackOk.meaning"), Message.of("proc.preflight.loopbackOk.action")),
    LOOPBACK_DEAD(false, Message.of("proc.preflight.loopbackDead.meaning"), Message.of("proc.preflight.loopbackDead.action")),
    LOOPBACK_GARBLED(false, Message.of("proc.preflight.loopbackGarbled.meaning"), Message.of("proc.preflight.loopbackGarbled.action")),
    FAST_RATE_FAILS(false, Message.of("proc.preflight.fastRateFails.meaning"), Message.of("proc.preflight.fastRateFails.action")),
    SILENCE(false, Message.of("proc.preflight.silence.meaning"), Message.of("proc.preflight.silence.action")),
    NOISE(false, Message.of("proc.preflight.noise.meaning"), Message.of("proc.preflight.noise.action")),
    WRONG_RATE(false, Message.of("proc.preflight.wrongRate.meaning"), Message.of("proc.preflight.wrongRate.action")),
    GOOD_TEXT(true, Message.of("proc.preflight.goodText.meaning"), Message.of("proc.preflight.goodText.action")),
    CLONE_SUSPECT(false, Message.of("proc.preflight.cloneSuspect.meaning"), Message.of("proc.preflight.cloneSuspect.action")),
    LATENCY_HIGH(false, Message.of("proc.preflight.latencyHigh.meaning"), Message.of("proc.preflight.latencyHigh.action")),
    MODEMMANAGER(false, Message.of("proc.preflight.modemManager.meaning"), Message.of("proc.preflight.modemManager.action"));

    private final boolean good;
    private final Message meaning;
    private final Message action;

    Verdict(boolean good, Message meaning, Message action) {
        this.good = good;
        this.meaning = meaning;
        this.action = action;
    }

    /** True when nothing needs doing. */
    public boolean good() {
        return good;
    }

    public Message meaning() {
        return meaning;
    }

    public Message action() {
        return action;
    }
}
