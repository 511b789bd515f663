package com.leadfactory.lineage.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU spent between two readings, by this JVM and by the whole machine (all cores' busy time in {@code /proc/stat}):
 * on 2 cores a side that is not using both is waiting, not working, and a rate alone cannot tell the two apart.
 */
final class CpuMeter {

    private static final long TICK_NANOS = 10_000_000L;

    private long jvmNanos;
    private long machineNanos;

    /** Adds the CPU that {@code work} cost to this meter's totals. */
    void measure(ThrowingRunnable work) throws Exception {
        long jvm = jvmCpuNanos();
        long machine = machineBusyNanos();
        work.run();
        jvmNanos += jvmCpuNanos() - jvm;
        machineNanos += machineBusyNanos() - machine;
    }

    double jvmMillisEach(int count) {
        return jvmNanos / 1e6 / count;
    }

    double machineMillisEach(int count) {
        return machineNanos / 1e6 / count;
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** user + nice + system + irq + softirq + steal of the "cpu" line; USER_HZ is 100 on Linux. */
    private static long machineBusyNanos() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long ticks = Long.parseLong(f[1])
                    + Long.parseLong(f[2])
                    + Long.parseLong(f[3])
                    + Long.parseLong(f[6])
                    + Long.parseLong(f[7])
                    + Long.parseLong(f[8]);
            return ticks * TICK_NANOS;
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
