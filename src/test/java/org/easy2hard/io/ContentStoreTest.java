package org.easy2hard.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentStoreTest {

    @TempDir
    Path dir;

    /** A payload of one int after the key. */
    private record IntCodec(int magic, int bodyBytesClaimed) implements ContentStore.Codec<Integer> {

        @Override
        public int version() {
            return 1;
        }

        @Override
        public String kind() {
            return "int entry";
        }

        @Override
        public int bodyBytes(Integer value) {
            return bodyBytesClaimed;
        }

        @Override
        public void writeBody(ByteBuffer out, byte[] key, Integer value) {
            out.put(key).putInt(value);
        }

        @Override
        public ContentStore.Entry<Integer> readBody(ByteBuffer body, byte[] expectedKey) {
            if (!ContentStore.hasKey(body, expectedKey)) {
                return ContentStore.Entry.invalid("other key");
            }
            return ContentStore.Entry.valid(body.getInt());
        }
    }

    private static final IntCodec INTS = new IntCodec(0x49483245, 36);

    @Test
    void anEntryIsHeaderBodyAndChecksumUnderTheHashedNamespace() throws IOException {
        ContentStore store = ContentStore.at(dir, ".int");
        store.write("ns", "about ns\n", "question", 42, INTS);
        String key = Sha256.of("ns\u0000question");
        Path file = dir.resolve(Sha256.of("ns").substring(0, 16)).resolve(key.substring(0, 2)).resolve(key + ".int");
        assertEquals(file, store.entryPath("ns", "question"));
        assertEquals(4 + 4 + 32 + 4 + 4, Files.size(file));
        assertEquals("about ns\n", Files.readString(store.namespaceDirectory("ns").resolve("identity.txt")));
        assertEquals(ContentStore.Entry.valid(42), store.read("ns", "question", INTS));
    }

    @Test
    void anEntryOfAnotherCodecIsInvalid() {
        ContentStore store = ContentStore.at(dir, ".int");
        store.write("ns", "", "question", 42, INTS);
        assertEquals(ContentStore.Entry.invalid("not a version-1 int entry"),
                store.read("ns", "question", new IntCodec(0x12345678, 36)));
    }

    @Test
    void aCodecThatMisstatesItsBodyLengthIsCaughtBeforeWriting() {
        ContentStore store = ContentStore.at(dir, ".int");
        assertThrows(RuntimeException.class, () -> store.write("ns", "", "q", 1, new IntCodec(0x49483245, 40)));
        assertEquals(ContentStore.Status.MISSING, store.read("ns", "q", INTS).status());
    }

    @Test
    void anEntryShorterThanAHeaderIsInvalid() throws IOException {
        ContentStore store = ContentStore.at(dir, ".int");
        store.write("ns", "", "question", 42, INTS);
        Files.write(store.entryPath("ns", "question"), new byte[5]);
        assertEquals(ContentStore.Entry.invalid("length 5 is shorter than a header"),
                store.read("ns", "question", INTS));
    }
}
