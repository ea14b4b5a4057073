package r4rescue.sim.state;

import java.util.LinkedHashMap;
import java.util.Map;

import r4rescue.sim.Sparse;

/**
 * The 128 MiB SPI-NAND: raw bytes for the partitions before {@code ubi}, and the UBI volumes
 * inside {@code ubi} kept as volumes (the on-flash UBI structures are not modelled).
 */
public final class Nand {
    public Sparse raw = new Sparse(128L << 20, 0xff);
    /** False when the {@code ubi} partition was erased or overwritten raw: it then holds no UBI. */
    public boolean ubiAttached = true;
    public Map<String, UbiVolume> volumes = new LinkedHashMap<>();
}
