package org.easy2hard.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The exclusive right to write a run directory: an operating-system lock on {@code <run>/.lock}, which the system
 * releases when the holding process ends however it ends (kill -9 included), so a crashed run never blocks the next
 * one. The file holds the holder's pid, host and start time, so a second writer is told who to wait for.
 */
public final class RunLock implements AutoCloseable {

    static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of a run directory.
     *
     * @throws IllegalStateException naming the holder when another process (or another run in this process) has it
     */
    static RunLock acquire(Path root) {
        Path file = root.resolve(FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new IllegalStateException("run directory " + root + " is in use by "
                        + (holder.isEmpty() ? "another process" : holder)
                        + "; wait for it to finish (or stop it), or use another output directory");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holder().getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new RunLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock run directory " + root, e);
        }
    }

    /** "pid 123 on host h, started 2026-...". */
    private static String holder() {
        String host = hostName();
        ProcessHandle self = ProcessHandle.current();
        String started = self.info().startInstant().map(Instant::toString).orElse("at an unknown time");
        return "pid " + self.pid() + " on " + host + ", started " + started + " (locked " + Instant.now() + ")\n";
    }

    /**
     * This machine's name without asking the network: {@code InetAddress.getLocalHost()} may send a DNS query when the
     * name is not in the hosts file, and nothing here may leave the machine.
     */
    private static String hostName() {
        for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        try {
            Path file = Path.of("/etc/hostname");
            if (Files.isReadable(file)) {
                String value = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!value.isEmpty()) {
                    return value;
                }
            }
        } catch (IOException e) {
            // fall through: the name is only a hint for the user
        }
        return "unknown host";
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    /** Releases the lock (the file stays; an unlocked file means a free directory). */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the run directory lock", e);
        }
    }
}
