package org.easy2hard.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifiedDownloadTest {

    private static final byte[] WHOLE = "the whole file, in two parts".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void aResumedPartIsHashedWithTheBytesItAlreadyHad() throws IOException {
        Path part = VerifiedDownload.partFile(dir.resolve("model.bin"));
        Files.write(part, java.util.Arrays.copyOf(WHOLE, 10));
        List<Long> lengths = new ArrayList<>();
        VerifiedDownload.Received received = VerifiedDownload.receive(new ByteArrayInputStream(WHOLE, 10,
                WHOLE.length - 10), part, VerifiedDownload.Start.RESUME, -1, lengths::add);
        assertEquals(new VerifiedDownload.Received(WHOLE.length, Sha256.of(WHOLE)), received);
        assertEquals(List.of((long) WHOLE.length), lengths);
        assertEquals(received, VerifiedDownload.measure(part));
    }

    @Test
    void aRestartEmptiesThePartFirst() throws IOException {
        Path part = dir.resolve("f.part");
        Files.writeString(part, "stale bytes");
        VerifiedDownload.receive(new ByteArrayInputStream(WHOLE), part, VerifiedDownload.Start.RESTART, -1, n -> { });
        assertArrayEquals(WHOLE, Files.readAllBytes(part));
    }

    @Test
    void readingStopsOneBytePastTheLimit() throws IOException {
        VerifiedDownload.Received received = VerifiedDownload.receive(new ByteArrayInputStream(WHOLE),
                dir.resolve("f.part"), VerifiedDownload.Start.NEW, 4, n -> { });
        assertEquals(5, received.bytes());
        assertEquals(Optional.of(new VerifiedDownload.Mismatch(VerifiedDownload.Mismatch.Kind.SIZE, "4", "5")),
                received.check(4, null));
    }

    @Test
    void aNewPartNeverWritesOverAnExistingFile() throws IOException {
        Path part = dir.resolve("f.part");
        Files.writeString(part, "someone else's");
        assertThrows(VerifiedDownload.LocalWriteException.class, () -> VerifiedDownload.receive(
                new ByteArrayInputStream(WHOLE), part, VerifiedDownload.Start.NEW, -1, n -> { }));
        assertEquals("someone else's", Files.readString(part));
    }

    @Test
    void theRightSizeWithAnotherHashIsAShaMismatch() {
        VerifiedDownload.Received received = new VerifiedDownload.Received(WHOLE.length, Sha256.of(WHOLE));
        String other = Sha256.of("other");
        assertEquals(Optional.of(new VerifiedDownload.Mismatch(VerifiedDownload.Mismatch.Kind.SHA256, other,
                Sha256.of(WHOLE))), received.check(WHOLE.length, other));
        assertEquals(Optional.empty(), received.check(WHOLE.length, Sha256.of(WHOLE)));
        assertEquals(Optional.empty(), received.check(-1, null));
    }

    @Test
    void installingRenamesThePartOverTheTarget() throws IOException {
        Path target = dir.resolve("config.json");
        Files.writeString(target, "old");
        Path part = VerifiedDownload.partFile(target);
        Files.write(part, WHOLE);
        VerifiedDownload.install(part, target);
        assertArrayEquals(WHOLE, Files.readAllBytes(target));
        assertFalse(Files.exists(part));
    }
}
