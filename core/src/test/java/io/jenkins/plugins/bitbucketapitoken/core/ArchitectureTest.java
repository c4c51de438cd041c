package io.jenkins.plugins.bitbucketapitoken.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.attribute.FileAttribute;

@AnalyzeClasses(packages = "io.jenkins.plugins.bitbucketapitoken.core")
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreStaysPureJava = noClasses()
            .that()
            .resideInAPackage("io.jenkins.plugins.bitbucketapitoken.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "hudson..",
                    "jenkins..",
                    "org.kohsuke..",
                    "org.jenkinsci..",
                    "com.cloudbees..",
                    "picocli..",
                    "javax.servlet..",
                    "jakarta.servlet..",
                    "io.jenkins.plugins.bitbucketapitoken.cli..")
            .because("core is the pure Java library under the plugin and the CLI");

    @ArchTest
    static final ArchRule productionCodeDoesNotUseTestCode = noClasses()
            .that()
            .resideInAPackage("io.jenkins.plugins.bitbucketapitoken.core..")
            .and()
            .resideOutsideOfPackage("..testing..")
            .and(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "are production classes",
                    c -> !c.getName().replaceAll("\\$.*", "").endsWith("Test")))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.junit..", "org.assertj..", "net.jqwik..", "..testing..");

    @ArchTest
    static final ArchRule noJUnit4 = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.junit")
            .because("tests use JUnit 5");

    @ArchTest
    static final ArchRule noSystemOutInProduction = noClasses()
            .that()
            .resideOutsideOfPackage("..testing..")
            .should()
            .accessField(System.class, "out")
            .orShould()
            .accessField(System.class, "err")
            .because("core never prints; it returns values");

    @ArchTest
    static final ArchRule testsMakeTemporaryFilesOnlyInsideATempDir = noClasses()
            .should()
            .callMethod(Files.class, "createTempDirectory", String.class, FileAttribute[].class)
            .orShould()
            .callMethod(Files.class, "createTempFile", String.class, String.class, FileAttribute[].class)
            .orShould()
            .callMethod(File.class, "createTempFile", String.class, String.class)
            .because("JUnit deletes a @TempDir after the test; a temporary file or directory made by hand in"
                    + " java.io.tmpdir stays there after every run");

    static final ImportOption UNUSED = new ImportOption.DoNotIncludeTests();
}
