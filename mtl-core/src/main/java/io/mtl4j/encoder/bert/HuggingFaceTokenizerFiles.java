package io.mtl4j.encoder.bert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Derives Hugging Face's {@code tokenizer_config.json} and {@code special_tokens_map.json} from a
 * {@code tokenizer.json}: the special tokens from the post-processor, the model's unknown token, the
 * padding and the added tokens; {@code do_lower_case} and friends from a {@code BertNormalizer}.
 *
 * @param specialTokens the special tokens by role ({@code cls_token}, {@code sep_token}, {@code unk_token},
 *     {@code pad_token}, {@code mask_token}), only those the tokenizer has
 * @param padTokenId the padding token's id, if there is one
 * @param normalizer the {@code BertNormalizer} object, or a missing node when the tokenizer has none
 * @param wordPiece whether the model is WordPiece (a BERT tokenizer)
 */
record HuggingFaceTokenizerFiles(Map<String, String> specialTokens, OptionalInt padTokenId, JsonNode normalizer,
        boolean wordPiece) {

    static HuggingFaceTokenizerFiles of(byte[] tokenizerJson) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(tokenizerJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("tokenizer.json is not valid JSON: " + e.getMessage(), e);
        }
        Map<String, Integer> special = new LinkedHashMap<>();
        for (JsonNode added : root.path("added_tokens")) {
            if (added.path("special").asBoolean(false)) {
                special.put(added.path("content").asText(), added.path("id").asInt());
            }
        }
        Map<String, String> roles = new LinkedHashMap<>();
        JsonNode post = root.path("post_processor");
        switch (post.path("type").asText("")) {
            case "TemplateProcessing" -> {
                JsonNode single = post.path("single");
                for (int i = 0; i < single.size(); i++) {
                    JsonNode token = single.get(i).path("SpecialToken");
                    if (!token.isMissingNode()) {
                        roles.putIfAbsent(i == 0 ? "cls_token" : "sep_token", token.path("id").asText());
                    }
                }
            }
            case "BertProcessing", "RobertaProcessing" -> {
                roles.put("cls_token", post.path("cls").path(0).asText());
                roles.put("sep_token", post.path("sep").path(0).asText());
            }
            default -> {
                // no post-processor that adds special tokens: no cls/sep roles
            }
        }
        JsonNode unk = root.path("model").path("unk_token");
        if (unk.isTextual()) {
            roles.put("unk_token", unk.asText());
        }
        JsonNode padding = root.path("padding");
        Optional<String> pad = padding.path("pad_token").isTextual() ? Optional.of(padding.path("pad_token").asText())
                : first(special, "[PAD]", "<pad>");
        pad.ifPresent(p -> roles.put("pad_token", p));
        first(special, "[MASK]", "<mask>").ifPresent(m -> roles.put("mask_token", m));
        OptionalInt padId = OptionalInt.empty();
        if (pad.isPresent() && special.containsKey(pad.get())) {
            padId = OptionalInt.of(special.get(pad.get()));
        } else if (padding.path("pad_id").isIntegralNumber()) {
            padId = OptionalInt.of(padding.path("pad_id").asInt());
        }
        JsonNode normalizer = root.path("normalizer");
        return new HuggingFaceTokenizerFiles(roles, padId,
                "BertNormalizer".equals(normalizer.path("type").asText()) ? normalizer : JsonNodeFactory.instance.missingNode(),
                "WordPiece".equals(root.path("model").path("type").asText()));
    }

    private static Optional<String> first(Map<String, Integer> special, String... candidates) {
        for (String c : candidates) {
            if (special.containsKey(c)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** @return {@code special_tokens_map.json}: role to token, keys sorted */
    ObjectNode specialTokensMap() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        specialTokens.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> n.put(e.getKey(), e.getValue()));
        return n;
    }

    /**
     * @param modelMaxLength the longest input in tokens, special tokens included
     * @return {@code tokenizer_config.json}, keys sorted; {@code BertTokenizer} for a WordPiece model (the
     *     fast tokenizer is read from {@code tokenizer.json}, no {@code vocab.txt} needed)
     */
    ObjectNode tokenizerConfig(int modelMaxLength) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("clean_up_tokenization_spaces", true);
        fields.putAll(specialTokens);
        fields.put("model_max_length", modelMaxLength);
        fields.put("tokenizer_class", wordPiece ? "BertTokenizer" : "PreTrainedTokenizerFast");
        if (!normalizer.isMissingNode()) {
            fields.put("do_lower_case", normalizer.path("lowercase").asBoolean(true));
            fields.put("tokenize_chinese_chars", normalizer.path("handle_chinese_chars").asBoolean(true));
            JsonNode strip = normalizer.path("strip_accents");
            fields.put("strip_accents", strip.isBoolean() ? strip.asBoolean() : null);
        }
        if (wordPiece) {
            fields.put("do_basic_tokenize", true);
            fields.put("never_split", null);
        }
        return new ObjectMapper().valueToTree(fields);
    }
}
