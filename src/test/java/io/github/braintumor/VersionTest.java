package io.github.braintumor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class VersionTest {
    @Test
    void theBuildKnowsItsVersionEvenFromClasses() {
        assertNotEquals("dev", Version.get()); // tests run from target/classes: version.txt, filtered by Maven
    }

    @Test
    void mavenVersionsBecomePep440OnesAsBioimageIoNeedsThem() {
        assertEquals("0.1.0.dev0", Version.pep440("0.1.0-SNAPSHOT"));
        assertEquals("1.2.3", Version.pep440("1.2.3"));
        assertEquals("1.2.dev0", Version.pep440("1.2-rc1"));
        assertEquals("0.0.0.dev0", Version.pep440("dev"));
    }
}
