package org.easy2hard.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DjlOfflineTest {

    private static Properties properties(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @Test
    void setsBothSwitchesWhenTheUserSetNeither() {
        assertEquals(Map.of("ai.djl.offline", "true", "OPT_OUT_TRACKING", "true"),
                DjlOffline.defaults(properties(), Map.of("PATH", "/usr/bin")));
    }

    @Test
    void keepsAnExplicitOfflinePropertyEvenWhenItIsFalse() {
        assertEquals(Map.of("OPT_OUT_TRACKING", "true"),
                DjlOffline.defaults(properties("ai.djl.offline", "false"), Map.of()));
    }

    @Test
    void keepsTheEnvironmentsChoices() {
        assertEquals(Map.of(), DjlOffline.defaults(properties(),
                Map.of("DJL_OFFLINE", "false", "OPT_OUT_TRACKING", "false")));
    }

    @Test
    void keepsATrackingSwitchGivenAsProperty() {
        assertEquals(Map.of("ai.djl.offline", "true"),
                DjlOffline.defaults(properties("OPT_OUT_TRACKING", "false"), Map.of()));
    }
}
