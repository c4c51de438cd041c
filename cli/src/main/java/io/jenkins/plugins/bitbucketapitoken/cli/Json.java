package io.jenkins.plugins.bitbucketapitoken.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** Writes the JSON documents of the commands, with the same shapes everywhere. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode problems(List<Problem> problems) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Problem p : problems) {
            array.addObject()
                    .put("code", p.code().name())
                    .put("severity", p.severity().name())
                    .put("message", p.message())
                    .put("action", p.action());
        }
        return array;
    }

    static void putOptional(ObjectNode node, String field, Optional<String> value) {
        value.ifPresentOrElse(v -> node.put(field, v), () -> node.putNull(field));
    }

    static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
