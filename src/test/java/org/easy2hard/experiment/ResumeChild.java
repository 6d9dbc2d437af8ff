package org.easy2hard.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.easy2hard.data.Item;
import org.easy2hard.method.MultipleChoiceMethod;
import org.easy2hard.model.Progress;

/**
 * The child process of {@link ResumeAfterKillTest}: runs the fixture experiment and, at the start of its third
 * fit, says so on standard output and blocks on standard input until the parent kills it.
 */
public final class ResumeChild {

    /** Marker line the parent waits for. */
    static final String BLOCKED = "BLOCKED IN THIRD FIT";

    private ResumeChild() {
    }

    /** @param args the run directory */
    public static void main(String[] args) {
        MultipleChoiceMethod majority = Fixtures.majority();
        MultipleChoiceMethod blocking = new MultipleChoiceMethod() {
            private int fits;

            @Override
            public String name() {
                return majority.name();
            }

            @Override
            public boolean supervised() {
                return true;
            }

            @Override
            public Map<String, String> settings() {
                return majority.settings();
            }

            @Override
            public Fitted fit(List<Item> train, long seed, Progress progress) {
                if (++fits == 3) {
                    System.out.println(BLOCKED);
                    System.out.flush();
                    try {
                        System.in.read();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    throw new IllegalStateException("the parent should have killed this process");
                }
                return majority.fit(train, seed, progress);
            }
        };
        Fixtures.runner(Path.of(args[0]), blocking).build().run();
        System.out.println("FINISHED");
    }
}
