package r4rescue.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The simulated shell's grammar behaves as BusyBox ash does for what the procedures send. */
@Tag("sim")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimAshGrammarTest {

    private SimHarness h;

    @BeforeAll
    void boot() throws Exception {
        h = new SimHarness("healthy-nand");
        h.board.powerOn();
        h.expect("Please press Enter to activate this console.");
        h.send("\r");
        h.expect("root@OpenWrt:~# ");
    }

    @AfterAll
    void off() {
        h.close();
    }

    @Test
    void subshellsKeepTheirCdAndOptionsToThemselves() throws Exception {
        assertEquals("/\r\n/root\r\n", h.sh("(cd / && pwd); pwd"));
        assertEquals("/etc\r\n", h.sh("{ cd /etc; pwd; }; cd"));
        assertEquals("1\r\n0\r\n", h.sh("(set -o pipefail; false | true); echo $?; false | true; echo $?"));
    }

    @Test
    void loopsConditionalsAndExpansions() throws Exception {
        assertEquals("3\r\n", h.sh("i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i"));
        assertEquals("eth0 3a:6c:1e:52:7b:01\r\n", h.sh("for i in /sys/class/net/eth0; do echo \"${i##*/} $(cat $i/address)\"; done"));
        assertEquals("b c 2\r\n", h.sh("set -- b c; echo $1 $2 $#"));
        assertEquals("yes\r\n", h.sh("if [ -b /dev/nvme0n1 ] && ! [ -e /nope ]; then echo yes; elif true; then echo no; else echo x; fi"));
        assertEquals("passwd\r\nshadow\r\n", h.sh("printf '/etc/passwd\\n/etc/shadow\\n' > /tmp/l; while read -r f; do echo ${f#/etc/}; done < /tmp/l"));
        assertEquals("3\r\n4\r\n", h.sh("printf 'a\\nb\\nc\\nd\\ne\\n' | awk 'NR % 3 == 1' | head -n 2 | tr -d 'ae' | wc -c; echo $(( (7 + 1) / 2 ))"));
        assertTrue(h.sh("echo /usr/lib/opkg/info/*.list").contains("/usr/lib/opkg/info/base-files.list"));
        assertEquals("-ash: syntax error: unexpected end of file (expecting \"done\")\r\n", h.sh("while true; do echo x"));
    }

    @Test
    void smallApplets() throws Exception {
        assertEquals("/usr/sbin/fw_printenv\r\n/usr/sbin/fw_setenv\r\n", h.sh("which fw_printenv fw_setenv"));
        assertTrue(h.sh("sysupgrade -b /tmp/b.tgz >/dev/null; head -c 2 /tmp/b.tgz | hexdump -C").startsWith("00000000  1f 8b "));
        assertEquals("R4SIM0000001", h.sh("tr -d '\\000' < /proc/device-tree/serial-number"));
        String add = "grep -qxF /etc/x /etc/sysupgrade.conf || echo /etc/x >> /etc/sysupgrade.conf; ";
        assertEquals("1\r\n", h.sh(add + add + "grep -c -E '^/etc/x$' /etc/sysupgrade.conf"));
    }
}
