package io.jenkins.plugins.bitbucketapitoken.core.audit.testing;

import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialsStoreReader;
import io.jenkins.plugins.bitbucketapitoken.core.audit.ItemConfigReader;
import io.jenkins.plugins.bitbucketapitoken.core.audit.SecretDecryptor;
import io.jenkins.plugins.bitbucketapitoken.core.audit.StoreRef;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Times every reader of the audit on hostile documents of up to 32 MiB (the scanner's default file limit): deep
 * nesting, many distinct ids and URLs, long runs of what the readers search for. Not a test: timings depend on
 * the machine. Run it with {@code bench/hostile-input-benchmark.sh [MiB]}; every line should take at most a few
 * seconds.
 */
public final class HostileInputBenchmark {

    private HostileInputBenchmark() {}

    /**
     * Builds each hostile input, reads it with the reader it targets, and prints the time each took.
     *
     * @param args the size of each input in MiB (default 32)
     */
    public static void main(String[] args) {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int size = mib * 1024 * 1024;
        Map<String, Function<Integer, byte[]>> inputs = new LinkedHashMap<>();
        inputs.put("item: nested 1,000 deep, then credentialsId elements", n -> nestedIds(n, 1000));
        inputs.put("item: nested as deep as the bytes allow, then ids", n -> nestedIds(n, n / 8));
        inputs.put("item: distinct credentialsId elements, flat", HostileInputBenchmark::flatIds);
        inputs.put(
                "item: script with distinct credentialsId literals",
                n -> script(n, i -> "credentialsId: 'id" + i + "'\n"));
        inputs.put(
                "item: script with distinct Bitbucket URLs",
                n -> script(n, i -> "https://bitbucket.org/w/r" + i + " "));
        inputs.put(
                "item: script with URLs ending in 2,000 colons",
                n -> script(n, i -> "https://bitbucket.org/w" + i + "/r" + ":".repeat(2000) + " "));
        inputs.put("item: script of unterminated credentialsId literals", n -> script(n, i -> "credentialsId: '"));
        inputs.put("item: script of nested sshagent lists", n -> script(n, i -> "sshagent(['sshagent(['x" + i + "', "));
        inputs.put("item: script of credentials( calls", n -> script(n, i -> "credentials('c" + i + "') "));
        inputs.put("item: text of URL starts", n -> text(n, i -> "https://bitbucket"));
        inputs.put("credentials: nested 1,000 deep with credentials", n -> nestedCredentials(n, 1000));
        inputs.put("credentials: distinct credentials", n -> nestedCredentials(n, 0));
        for (Map.Entry<String, Function<Integer, byte[]>> input : inputs.entrySet()) {
            byte[] bytes = input.getValue().apply(size);
            long start = System.nanoTime();
            String outcome = read(input.getKey(), bytes);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf(
                    Locale.ROOT,
                    "%7d ms  %5.1f MiB  %-55s %s%n",
                    millis,
                    bytes.length / 1048576.0,
                    input.getKey(),
                    outcome);
        }
    }

    private static String read(String name, byte[] bytes) {
        if (name.startsWith("item")) {
            var item = ItemConfigReader.read("hostile", bytes);
            return item.value()
                    .map(i -> i.references().size() + " references, "
                            + i.bitbucketUrls().size() + " URLs")
                    .orElseGet(() -> item.error().orElseThrow().message());
        }
        var store = CredentialsStoreReader.read(StoreRef.system(), bytes, SecretDecryptor.unavailable());
        return store.value()
                .map(l -> l.size() + " credentials")
                .orElseGet(() -> store.error().orElseThrow().message());
    }

    private static byte[] nestedIds(int size, int depth) {
        StringBuilder sb = new StringBuilder(size + 64).append("<project>");
        sb.append("<a>".repeat(depth));
        int close = depth * 4 + 10;
        for (int i = 0; sb.length() < size - close - 64; i++) {
            sb.append("<credentialsId>id").append(i).append("</credentialsId>");
        }
        sb.append("</a>".repeat(depth)).append("</project>");
        return bytes(sb);
    }

    private static byte[] flatIds(int size) {
        StringBuilder sb = new StringBuilder(size + 64).append("<project><scm>");
        for (int i = 0; sb.length() < size - 64; i++) {
            sb.append("<credentialsId>id").append(i).append("</credentialsId>");
        }
        return bytes(sb.append("</scm></project>"));
    }

    private static byte[] script(int size, Function<Integer, String> piece) {
        StringBuilder sb = new StringBuilder(size + 4096)
                .append("<flow-definition><definition class='org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition'>")
                .append("<script>");
        for (int i = 0; sb.length() < size - 4096; i++) {
            sb.append(piece.apply(i).replace("&", "&amp;").replace("<", "&lt;"));
        }
        return bytes(sb.append("</script></definition></flow-definition>"));
    }

    private static byte[] text(int size, Function<Integer, String> piece) {
        StringBuilder sb = new StringBuilder(size + 64).append("<project><description>");
        for (int i = 0; sb.length() < size - 64; i++) {
            sb.append(piece.apply(i));
        }
        return bytes(sb.append("</description></project>"));
    }

    private static byte[] nestedCredentials(int size, int depth) {
        StringBuilder sb = new StringBuilder(size + 64).append("<x>").append("<a>".repeat(depth));
        sb.append("<domainCredentialsMap><entry><d/><list>");
        int close = depth * 4 + 100;
        for (int i = 0; sb.length() < size - close; i++) {
            sb.append("<c><id>id")
                    .append(i)
                    .append("</id><username>u</username><password>{AQAAABAAAAAQ")
                    .append(i)
                    .append("}</password></c>");
        }
        sb.append("</list></entry></domainCredentialsMap>")
                .append("</a>".repeat(depth))
                .append("</x>");
        return bytes(sb);
    }

    private static byte[] bytes(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }
}
