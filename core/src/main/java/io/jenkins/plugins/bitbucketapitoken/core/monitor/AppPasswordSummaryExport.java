package io.jenkins.plugins.bitbucketapitoken.core.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.bitbucketapitoken.core.audit.AuditReportCsv;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialRecord;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes an {@link AppPasswordSummary} as the CSV and JSON the monitor page exports (and its REST API serves).
 * Nothing written is a secret.
 */
public final class AppPasswordSummaryExport {

    /** The CSV columns, in order. */
    public static final List<String> COLUMNS =
            List.of("item", "credentialsId", "store", "kind", "username", "lastUsed", "lastFailed", "lastFailure");

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AppPasswordSummaryExport() {}

    /**
     * Writes one line per item and app-password credential, then one per unused app-password credential (with an
     * empty item), under a header line.
     *
     * @param summary the summary
     * @return the CSV text, lines ending in CRLF as RFC 4180 asks
     */
    public static String toCsv(AppPasswordSummary summary) {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (AppPasswordSummary.Row row : summary.rows()) {
            csv.append(line(row.item(), row.credential(), row.evidence()));
        }
        for (CredentialRecord unused : unused(summary)) {
            csv.append(line("", unused, UsageLog.Evidence.NONE));
        }
        return csv.toString();
    }

    /**
     * Writes the summary as JSON: {@code phase}, {@code message}, {@code items}, {@code rows} and
     * {@code credentials}.
     *
     * @param summary the summary
     * @return the JSON text
     */
    public static String toJson(AppPasswordSummary summary) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("phase", summary.phase().name());
        root.put("severity", summary.severity().name());
        root.put("message", summary.headline().message());
        root.put("action", summary.headline().action());
        ArrayNode items = root.putArray("items");
        summary.items().forEach(items::add);
        ArrayNode rows = root.putArray("rows");
        for (AppPasswordSummary.Row row : summary.rows()) {
            ObjectNode node = rows.addObject().put("item", row.item());
            credential(node, row.credential());
            put(node, "lastUsed", row.evidence().lastUsed().map(Instant::toString));
            put(node, "lastFailed", row.evidence().lastFailed().map(Instant::toString));
            put(node, "lastFailure", row.evidence().lastFailure());
        }
        ArrayNode credentials = root.putArray("credentials");
        summary.appPasswordCredentials().forEach(c -> credential(credentials.addObject(), c));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<CredentialRecord> unused(AppPasswordSummary summary) {
        List<CredentialRecord> used =
                summary.rows().stream().map(AppPasswordSummary.Row::credential).toList();
        return summary.appPasswordCredentials().stream()
                .filter(c -> !used.contains(c))
                .toList();
    }

    private static void credential(ObjectNode node, CredentialRecord c) {
        node.put("credentialsId", c.id())
                .put("store", c.store().id())
                .put("kind", c.kind().name());
        put(node, "username", c.username());
    }

    private static void put(ObjectNode node, String field, Optional<String> value) {
        value.ifPresentOrElse(v -> node.put(field, v), () -> node.putNull(field));
    }

    private static String line(String item, CredentialRecord c, UsageLog.Evidence evidence) {
        return Stream.of(
                                item,
                                c.id(),
                                c.store().id(),
                                c.kind().name(),
                                c.username().orElse(""),
                                evidence.lastUsed().map(Instant::toString).orElse(""),
                                evidence.lastFailed().map(Instant::toString).orElse(""),
                                evidence.lastFailure().orElse(""))
                        .map(AuditReportCsv::cell)
                        .collect(Collectors.joining(","))
                + "\r\n";
    }
}
