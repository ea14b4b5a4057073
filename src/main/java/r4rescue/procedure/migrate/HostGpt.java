package r4rescue.procedure.migrate;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.ShellProcedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.protocol.shell.ConsoleFileTransfer;
import r4rescue.protocol.shell.ShellResult;
import r4rescue.util.Hashes;
import r4rescue.util.Message;
import r4rescue.util.Texts;

/**
 * Partitioning where the board has neither sfdisk nor fdisk (stock OpenWrt): the {@link GptImage}
 * computed here goes to the board as two files in checked chunks, both are compared by SHA-256 with
 * ours, and only then are they dd'd to the SSD, read back and compared again. The kernel re-reads the
 * table when the nvme module is reloaded (OpenWrt has no blockdev or partx), or by blockdev/partx.
 */
final class HostGpt {

    /** Sends bytes to a file on the board; returns the SHA-256 both sides agree on. */
    interface Upload {
        String send(byte[] data, String remote) throws IOException;
    }

    static final String HEAD_FILE = "/tmp/r4gpt-head";
    static final String TAIL_FILE = "/tmp/r4gpt-tail";
    private static final Pattern HASH = Pattern.compile("(?m)^([0-9a-f]{64})\\s+(\\S+)");

    private final ShellProcedure steps;
    private final String device;
    private final Upload upload;

    HostGpt(ShellProcedure steps, String device, Upload upload) {
        this.steps = steps;
        this.device = device;
        this.upload = upload;
    }

    static HostGpt overConsole(ShellProcedure steps, String device) {
        ConsoleFileTransfer xfer = new ConsoleFileTransfer(steps.shell());
        return new HostGpt(steps, device, (data, remote) -> xfer.upload(data, remote, steps.token()));
    }

    /**
     * How the kernel re-reads a new table on this board, or null when only a reboot would:
     * reloading a modular nvme driver (kmodloader's rmmod/insmod), else blockdev or partx.
     */
    static String rereadCommand(String driver, List<String> tools, String device) {
        if ("module".equals(driver) && tools.contains("rmmod") && tools.contains("insmod")) {
            return "rmmod nvme && insmod nvme";
        }
        if (tools.contains("blockdev")) {
            return "blockdev --rereadpt " + device;
        }
        return tools.contains("partx") ? "partx -u " + device : null;
    }

    /** Writes {@code gpt} to the SSD and has the kernel re-read it; returns what was done. */
    String write(GptImage gpt, String reread) throws IOException, Stopped {
        if (reread == null) {
            throw steps.refuse(Message.of("proc.gpt.noSfdiskOrFdisk", device));
        }
        byte[] head = gpt.head();
        byte[] tail = gpt.tail();
        long tailLba = gpt.tailOffset() / GptImage.SECTOR;
        String headHash = Hashes.sha256Hex(head);
        String tailHash = Hashes.sha256Hex(tail);
        upload.send(head, HEAD_FILE);
        upload.send(tail, TAIL_FILE);
        steps.checkpoint();
        // the files that dd will read, compared with ours right before the SSD is touched
        ShellResult sums = steps.shell().check("sha256sum " + HEAD_FILE + " " + TAIL_FILE);
        if (!headHash.equals(hash(sums.output(), HEAD_FILE)) || !tailHash.equals(hash(sums.output(), TAIL_FILE))) {
            throw steps.no(Message.of("proc.gpt.thePartitionTableFiles", sums.text(), headHash, tailHash, device));
        }
        steps.state(BoardState.partlyChanged(Message.of("proc.gpt.sPartitionTableIs", device)));
        ShellResult dd = steps.shell().run("dd if=" + HEAD_FILE + " of=" + device + " bs=512 count=" + (head.length / GptImage.SECTOR)
                + " && dd if=" + TAIL_FILE + " of=" + device + " bs=512 seek=" + tailLba + " && sync", 60_000);
        if (!dd.ok()) {
            throw steps.no(Message.of("proc.gpt.writingThePartitionTable", dd.exitStatus(), dd.text(), device));
        }
        ShellResult back = steps.shell().check("dd if=" + device + " bs=512 count=" + (head.length / GptImage.SECTOR)
                + " 2>/dev/null | sha256sum; dd if=" + device + " bs=512 skip=" + tailLba + " count=" + (tail.length / GptImage.SECTOR)
                + " 2>/dev/null | sha256sum", 60_000);
        List<String> got = HASH.matcher(back.output()).results().map(m -> m.group(1)).toList();
        if (!got.equals(List.of(headHash, tailHash))) {
            throw steps.no(Message.of("proc.gpt.readingThePartitionTable", device, back.text(), headHash, tailHash));
        }
        steps.state(BoardState.verified(Message.of("proc.gpt.hasANewGPT", device)));
        ShellResult r = steps.shell().run(reread, 60_000);
        if (!r.ok()) {
            throw steps.no(Message.of("proc.gpt.reReadingThePartition", reread, r.exitStatus(), r.text(), device));
        }
        steps.shell().run("rm -f " + HEAD_FILE + " " + TAIL_FILE);
        return Texts.t("proc.gpt.gptComputedHere", gpt.parts().size(), headHash.substring(0, 12), tailHash.substring(0, 12), reread);
    }

    private static String hash(String sha256sumOutput, String file) {
        Matcher m = HASH.matcher(sha256sumOutput);
        while (m.find()) {
            if (m.group(2).equals(file)) {
                return m.group(1);
            }
        }
        return null;
    }
}
