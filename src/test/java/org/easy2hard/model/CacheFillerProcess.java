package org.easy2hard.model;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Child process of {@link CacheTwoProcessesTest}: fills a feature cache with a {@link FakeEncoder}, one text at a
 * time so that two such processes interleave their writes. Prints "ready", waits for a line on standard input (so
 * the test can start both at once), encodes, and exits 0 when every feature it got was right.
 *
 * <p>Arguments: cache directory, number of texts.
 */
public final class CacheFillerProcess {

    private CacheFillerProcess() {
    }

    /** Entry point; see the class comment. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        List<String> texts = IntStream.range(0, count).mapToObj(i -> "text " + i).toList();
        System.out.println("ready");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        int wrong = 0;
        try (CachingEncoder encoder = new CachingEncoder(new FakeEncoder(8), FeatureCache.at(dir), 0)) {
            for (String text : texts) {
                float[] got = encoder.encode(List.of(text))[0];
                if (!Arrays.equals(got, FakeEncoder.expected(text, 8))) {
                    wrong++;
                }
            }
            System.out.println("done " + encoder.statistics() + " wrong " + wrong);
        }
        System.exit(wrong == 0 ? 0 : 1);
    }
}
