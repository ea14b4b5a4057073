package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@Tag("unit")
class BenchDiagnoseCommandTest {

    @Test
    void printsThroughputLine() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new BenchDiagnoseCommand());
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("--lines", "300000"));
        assertTrue(out.toString().matches("diagnose\\.throughput \\d+ lines/s\\R"), out.toString());
        System.out.print(out);
    }
}
