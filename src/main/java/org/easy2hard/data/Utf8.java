package org.easy2hard.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Where a file stops being UTF-8. Readers decode in buffered blocks, so the line they were on when the decoder gave
 * up ("Input length = 1") is not the line of the bad byte; this finds the byte itself.
 */
final class Utf8 {

    private Utf8() {
    }

    /**
     * The error for a file a reader found not to be UTF-8: the line and byte of the first invalid sequence, the
     * bytes, and the likely cause.
     */
    static DataFormatException notUtf8(Path file, Throwable cause) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                int offset = in.position();
                long line = 1;
                int lineStart = 0;
                for (int i = 0; i < offset; i++) {
                    if (bytes[i] == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                }
                int length = Math.min(result.length(), bytes.length - offset);
                String hex = HexFormat.ofDelimiter(" ").withPrefix("0x").withUpperCase()
                        .formatHex(bytes, offset, offset + length);
                return new DataFormatException(file, line, "not valid UTF-8: byte " + (offset - lineStart + 1)
                        + " of the line (" + hex + ") " + (result.isMalformed() ? "does not start or continue a "
                        + "UTF-8 character" : "cannot be mapped") + "; save the file as UTF-8 (it may be Latin-1 or "
                        + "Windows-1252)", cause);
            }
            if (result.isUnderflow()) {
                // The reader's complaint and a clean decode disagree (the file changed since?): report what we can.
                return new DataFormatException(file, 0, "not valid UTF-8 (" + cause.getMessage() + ")", cause);
            }
            out.clear();
        }
    }
}
