package r4rescue.protocol.shell;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import r4rescue.link.PipeLink;

/**
 * A scripted stand-in for BusyBox ash on a console, for fast tests: echoes what is typed, answers the
 * driver's framed commands from a table, throws in ANSI codes and kernel messages.
 */
final class FakeAsh implements PipeLink.Peer {

    private static final Pattern FRAMED = Pattern.compile("echo (\\S+)''(\\S+); (.*); echo (\\S+)''(\\S+) \\$\\?");

    record Answer(String output, int status) {
    }

    final Map<String, Answer> answers = new HashMap<>();
    PipeLink link;
    String prompt = "root@OpenWrt:~# ";
    /** null: at the prompt; "activate": waiting for Enter; "login": at login:; "password": at Password:. */
    String mode = "activate";
    /** root's password, asked after the login name when set (typed without echo, as login does). */
    String password;
    private final StringBuilder line = new StringBuilder();

    void boot() {
        send("[    5.123456] random: crng init done\r\n\r\nPlease press Enter to activate this console.");
    }

    void send(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        link.deliver(b, 0, b.length);
    }

    @Override
    public synchronized void onHostBytes(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            char c = (char) (data[i] & 0xff);
            if (c != '\r') {
                line.append(c);
                continue;
            }
            String typed = line.toString();
            line.setLength(0);
            if ("activate".equals(mode)) {
                mode = null;
                send("\r\n\r\nBusyBox v1.36.1 (2025-04-13) built-in shell (ash)\r\n\r\n" + prompt + "\u001b[6n");
            } else if ("login".equals(mode) && password != null && typed.equals("root")) {
                mode = "password";
                send("root\r\nPassword: ");
            } else if ("password".equals(mode)) {
                mode = typed.equals(password) ? null : "login";
                send(mode == null ? "\r\n" + prompt : "\r\nLogin incorrect\r\nOpenWrt login: ");
            } else if ("login".equals(mode)) {
                if (typed.equals("root")) {
                    mode = null;
                    send("root\r\n" + prompt);
                } else {
                    send(typed + "\r\nOpenWrt login: ");
                }
            } else {
                answer(typed);
            }
        }
    }

    private void answer(String typed) {
        send(typed + "\r\n");
        Matcher m = FRAMED.matcher(typed);
        if (m.matches()) {
            Answer a = answers.getOrDefault(m.group(3), new Answer("-ash: " + m.group(3).split(" ")[0] + ": not found\n", 127));
            send(m.group(1) + m.group(2) + "\r\n" + a.output().replace("\n", "\r\n") + m.group(4) + m.group(5) + " " + a.status() + "\r\n");
        }
        send(prompt);
    }
}
