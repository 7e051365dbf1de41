package dev.vigil.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Turns a {@link ModelSpec} into the JSON stored in ONNX metadata, and back. */
public final class ModelSpecCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ModelSpecCodec() {
    }

    public static String toJson(ModelSpec spec) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write model spec as JSON", e);
        }
    }

    /** Parses and validates; throws {@link InvalidModelSpecException} with the JSON problem or the broken rule. */
    public static ModelSpec fromJson(String json) {
        ModelSpec spec;
        try {
            spec = MAPPER.readValue(json, ModelSpec.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                    .orElse("(root)");
            throw new InvalidModelSpecException("model spec is not valid JSON for this Vigil version: field '"
                    + field + "' is missing or of the wrong type (" + e.getOriginalMessage().split(" \\(")[0] + ")", e);
        } catch (JsonProcessingException e) {
            throw new InvalidModelSpecException("model spec is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return spec.validate();
    }
}
