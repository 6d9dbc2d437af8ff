package org.easy2hard.model.openai;

import java.nio.file.Path;
import java.util.List;
import org.easy2hard.model.LogLikelihood;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.RequestCache;

/**
 * The child process of {@link RequestCacheResumeTest}: scores {@link #requests()} against a server with a request
 * cache, printing {@code done N} each time progress advances, until the parent kills it. The API key comes from the
 * environment variable {@value #KEY_VARIABLE}, as a user's would.
 */
public final class ResumeChild {

    /** The environment variable holding the API key. */
    static final String KEY_VARIABLE = "E2H_TEST_API_KEY";

    private ResumeChild() {
    }

    /** The requests of the interrupted run. */
    static List<LogLikelihoodRequest> requests() {
        return Loopback.requests(40);
    }

    /** A model for the resumed and interrupted runs: 4 in flight, the given cache, key from the environment. */
    static OpenAiCompatibleModel.Builder model(String baseUrl, Path cache) {
        return OpenAiCompatibleModel.builder().setModel(Loopback.NAME).setBaseUrls(baseUrl)
                .optOptionTokens(org.easy2hard.model.OptionTokens.JOINT)
                .optApiKeyEnvironmentVariable(KEY_VARIABLE).optMaxInFlight(4).optRequestCache(RequestCache.at(cache));
    }

    /** @param args the server's base URL and the cache directory */
    public static void main(String[] args) {
        try (OpenAiCompatibleModel model = model(args[0], Path.of(args[1])).build()) {
            List<LogLikelihood> scores = model.logLikelihoods(requests(), (task, done, total) -> {
                System.out.println("done " + done);
                System.out.flush();
            });
            System.out.println("FINISHED " + scores.size());
        }
    }
}
