package r4rescue.face.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import r4rescue.bench.DiagnoseBench;

/** {@code bench diagnose}: lines per second through the boot-log observer ({@link DiagnoseBench}). */
@Command(name = "diagnose", mixinStandardHelpOptions = true)
public final class BenchDiagnoseCommand implements Callable<Integer> {

    @Option(names = "--lines", defaultValue = "3000000")
    long lines;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "diagnose.throughput %d lines/s%n", DiagnoseBench.linesPerSecond(lines));
        out.flush();
        return MainCommand.OK;
    }
}
