package org.easy2hard.model;

import java.nio.file.Path;

/** Where tests keep model copies and edited graphs: beside DJL's cache in the build directory, reused across runs. */
final class TestCaches {

    private TestCaches() {
    }

    /** The build directory's model cache (target/easy2hard-test-cache), never the user's home. */
    static CacheDirectory shared() {
        String djlCache = System.getProperty("DJL_CACHE_DIR");
        Path build = djlCache != null ? Path.of(djlCache).getParent() : Path.of("target");
        return CacheDirectory.at(build.resolve("easy2hard-test-cache"));
    }
}
