package r4rescue.sim.linux;

import java.util.List;

/** A program the simulated shell runs; {@code args.get(0)} is its name; returns the exit status. */
public interface Program {
    int run(LinuxSystem sys, List<String> args, Io io);
}
