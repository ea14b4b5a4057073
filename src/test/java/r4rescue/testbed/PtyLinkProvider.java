package r4rescue.testbed;

import r4rescue.link.Link;
import r4rescue.link.LinkProvider;

/** Test-only {@code pty:/dev/pts/N} links, so the CLI can reach the QEMU test bed through Links.create. */
public final class PtyLinkProvider implements LinkProvider {

    @Override
    public boolean accepts(String spec) {
        return spec.startsWith("pty:");
    }

    @Override
    public Link create(String spec, int baud) {
        return new r4rescue.link.SerialLink(spec.substring(4), baud);
    }
}
