package com.leadfactory.lineage.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.config.RedactionRule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretRedactorTest {

    private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0"
            + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    private static final String PEM = "-----BEGIN RSA PRIVATE KEY-----\n"
            + "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
            + "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n"
            + "-----END RSA PRIVATE KEY-----";

    private final ObjectMapper mapper = new ObjectMapper();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SecretRedactor redactor =
            new SecretRedactor(SecretRedactor.defaultRules(), SecretRedactor.defaultSensitiveKeys(), registry);

    private double count(String rule) {
        return registry.counter(SecretRedactor.COUNTER, "rule", rule).count();
    }

    private JsonNode json(String text) throws Exception {
        return mapper.readTree(text);
    }

    @Test
    void awsAccessKey() {
        assertThat(redactor.redactText("key AKIAIOSFODNN7EXAMPLE used"))
                .isEqualTo("key [REDACTED:aws-access-key] used");
        assertThat(redactor.redactText("ASIAIOSFODNN7EXAMPLE")).isEqualTo("[REDACTED:aws-access-key]");
        assertThat(redactor.redactText("AKIAshortlowercase12")).isEqualTo("AKIAshortlowercase12");
        assertThat(count("aws-access-key")).isEqualTo(2);
    }

    @Test
    void jwt() {
        assertThat(redactor.redactText("cookie=" + JWT + "; path=/")).isEqualTo("cookie=[REDACTED:jwt]; path=/");
        assertThat(redactor.redactText("eyJ is just a prefix.eyJ")).isEqualTo("eyJ is just a prefix.eyJ");
        assertThat(count("jwt")).isEqualTo(1);
    }

    @Test
    void bearerTokenKeepsTheWordBearer() {
        assertThat(redactor.redactText("Authorization: bearer abcDEF123456._~+/xyz=="))
                .isEqualTo("Authorization: bearer [REDACTED:bearer-token]");
        assertThat(redactor.redactText("BEARER 0123456789abcdef")).isEqualTo("BEARER [REDACTED:bearer-token]");
        assertThat(redactor.redactText("the Bearer of bad news")).isEqualTo("the Bearer of bad news");
        assertThat(count("bearer-token")).isEqualTo(2);
    }

    @Test
    void bearerJwtIsCountedOnce() {
        assertThat(redactor.redactText("Bearer " + JWT)).isEqualTo("Bearer [REDACTED:jwt]");
        assertThat(count("jwt")).isEqualTo(1);
        assertThat(count("bearer-token")).isZero();
    }

    @Test
    void privateKeyBlockAcrossLines() {
        assertThat(redactor.redactText("before\n" + PEM + "\nafter"))
                .isEqualTo("before\n[REDACTED:private-key]\nafter");
        assertThat(redactor.redactText("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC (cut)"))
                .isEqualTo("[REDACTED:private-key]");
        assertThat(redactor.redactText("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq\n-----END PUBLIC KEY-----"))
                .contains("MIIBIjANBgkq");
        assertThat(count("private-key")).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "password=hunter22",
                "db_password: hunter22",
                "PWD=hunter22",
                "secret = 's3cr3t value'",
                "api_key=abc123",
                "apikey:abc123",
                "access_token=abc.def",
                "refresh_token=abc123"
            })
    void keyValuePairsKeepTheKey(String pair) {
        String redacted = redactor.redactText("cfg " + pair + " end");

        assertThat(redacted).endsWith("[REDACTED:key-value] end").doesNotContain("hunter22", "abc", "s3cr3t");
        String key = pair.split("[=:]")[0];
        assertThat(redacted).startsWith("cfg " + key);
    }

    @Test
    void keyValueInsideEmbeddedJsonAndQueryStrings() {
        assertThat(redactor.redactText("{\"password\": \"p4ss word\", \"user\": \"bob\"}"))
                .isEqualTo("{\"password\": [REDACTED:key-value], \"user\": \"bob\"}");
        assertThat(redactor.redactText("https://x.test/cb?token=abc123&next=home"))
                .isEqualTo("https://x.test/cb?token=[REDACTED:key-value]&next=home");
        assertThat(redactor.redactText("passwordHint=favourite colour")).isEqualTo("passwordHint=favourite colour");
        assertThat(redactor.redactText("token=\"" + JWT + "\"")).isEqualTo("token=\"[REDACTED:jwt]\"");
        assertThat(count("key-value")).isEqualTo(2);
    }

    @Test
    void cardNumbersOnlyWhenLuhnValid() {
        assertThat(redactor.redactText("card 4111 1111 1111 1111 ok")).isEqualTo("card [REDACTED:card-number] ok");
        assertThat(redactor.redactText("card 5500-0000-0000-0004")).isEqualTo("card [REDACTED:card-number]");
        assertThat(redactor.redactText("n=4111111111111111")).isEqualTo("n=[REDACTED:card-number]");
        assertThat(redactor.redactText("order 4111111111111112")).isEqualTo("order 4111111111111112");
        assertThat(redactor.redactText("id 12345678901234567890123")).isEqualTo("id 12345678901234567890123");
        assertThat(redactor.redactText("short 123456789012")).isEqualTo("short 123456789012");
        assertThat(count("card-number")).isEqualTo(3);
    }

    @Test
    void luhn() {
        assertThat(SecretRedactor.passesLuhn("79927398713")).isTrue();
        assertThat(SecretRedactor.passesLuhn("79927398710")).isFalse();
        assertThat(SecretRedactor.passesLuhn("4111-1111-1111-1111")).isTrue();
    }

    @Test
    void emailsAndShortStringsAreLeftAlone() {
        assertThat(redactor.redactText("lead@example.com")).isEqualTo("lead@example.com");
        assertThat(redactor.redactText("pwd=x")).isEqualTo("pwd=x");
        assertThat(redactor.redactText(null)).isNull();
    }

    @Test
    void walksNestedObjectsAndArraysWithoutTouchingInput() throws Exception {
        JsonNode input = json("{\"lead\":{\"email\":\"a@b.com\",\"notes\":[\"call AKIAIOSFODNN7EXAMPLE\","
                + "{\"deep\":[\"password=abcdefgh\"]}],\"score\":4111111111111111,\"ok\":true}}");
        JsonNode before = input.deepCopy();

        JsonNode redacted = redactor.redact(input);

        assertThat(input).isEqualTo(before);
        assertThat(redacted.at("/lead/email").textValue()).isEqualTo("a@b.com");
        assertThat(redacted.at("/lead/notes/0").textValue()).isEqualTo("call [REDACTED:aws-access-key]");
        assertThat(redacted.at("/lead/notes/1/deep/0").textValue()).isEqualTo("password=[REDACTED:key-value]");
        assertThat(redacted.at("/lead/score").longValue()).isEqualTo(4111111111111111L);
        assertThat(redacted.at("/lead/ok").booleanValue()).isTrue();
    }

    @Test
    void sensitiveKeysMaskWholeValueOfAnyType() throws Exception {
        JsonNode input = json("{\"Client-Secret\":\"abc\",\"API_KEY\":42,\"auth\":{\"Authorization\":{\"a\":1},"
                + "\"refresh_token\":[\"x\"],\"token\":null},\"password_hint\":\"blue\","
                + "\"AKIAIOSFODNN7EXAMPLE\":\"key names are not rewritten\"}");

        JsonNode redacted = redactor.redact(input);

        assertThat(redacted.get("Client-Secret").textValue()).isEqualTo(SecretRedactor.REDACTED);
        assertThat(redacted.get("API_KEY").textValue()).isEqualTo(SecretRedactor.REDACTED);
        assertThat(redacted.at("/auth/Authorization").textValue()).isEqualTo(SecretRedactor.REDACTED);
        assertThat(redacted.at("/auth/refresh_token").textValue()).isEqualTo(SecretRedactor.REDACTED);
        assertThat(redacted.at("/auth/token").isNull()).isTrue();
        assertThat(redacted.get("password_hint").textValue()).isEqualTo("blue");
        assertThat(redacted.has("AKIAIOSFODNN7EXAMPLE")).isTrue();
        assertThat(count(SecretRedactor.SENSITIVE_KEY_TAG)).isEqualTo(4);
    }

    @Test
    void countsEveryMaskingPerRule() throws Exception {
        redactor.redact(json("[\"AKIAIOSFODNN7EXAMPLE and AKIAIOSFODNN7EXAMPLF\",\"x AKIAIOSFODNN7EXAMPLE\","
                + "\"card 4111111111111111\"]"));

        assertThat(count("aws-access-key")).isEqualTo(3);
        assertThat(count("card-number")).isEqualTo(1);
        assertThat(count("jwt")).isZero();
    }

    @Test
    void nullAndScalarRoots() throws Exception {
        assertThat(redactor.redact(null)).isNull();
        assertThat(redactor.redact(json("\"password=abcdefgh\"")).textValue())
                .isEqualTo("password=[REDACTED:key-value]");
        assertThat(redactor.redact(json("12"))).isEqualTo(json("12"));
    }

    @Test
    void customRulesAndKeysReplaceTheDefaults() throws Exception {
        SecretRedactor custom = new SecretRedactor(
                List.of(new RedactionRule("ticket", "(TICKET-)\\d{6}", "$1******")), Set.of("Session-Id"), registry);

        JsonNode redacted = custom.redact(json(
                "{\"note\":\"see TICKET-123456 and AKIAIOSFODNN7EXAMPLE\",\"session_id\":\"s1\",\"password\":\"p\"}"));

        assertThat(redacted.get("note").textValue()).isEqualTo("see TICKET-****** and AKIAIOSFODNN7EXAMPLE");
        assertThat(redacted.get("session_id").textValue()).isEqualTo(SecretRedactor.REDACTED);
        assertThat(redacted.get("password").textValue()).isEqualTo("p");
        assertThat(count("ticket")).isEqualTo(1);
        assertThat(count(SecretRedactor.SENSITIVE_KEY_TAG)).isEqualTo(1);
    }

    @Test
    void digitRunsDecideWhetherTheCardRuleRunsAtAll() {
        assertThat(SecretRedactor.longestDigitRun("4111 1111-1111 1111")).isEqualTo(16);
        assertThat(SecretRedactor.longestDigitRun("https://cdn.example.com/9f8e7d6c5b4a39281706f5e4.js"))
                .isLessThan(13);
        assertThat(redactor.redactText("https://cdn.example.com/a1b2c3d4e5f60718293a4b5c.js"))
                .isEqualTo("https://cdn.example.com/a1b2c3d4e5f60718293a4b5c.js");
        assertThat(redactor.redactText("paid with 4111-1111-1111-1111 today")).doesNotContain("4111-1111");
    }

    @Test
    void aRepeatedFieldNameIsJudgedTheSameEveryTime() throws Exception {
        JsonNode rows = json("[{\"Api-Key\": \"x1\"}, {\"Api-Key\": \"x2\"}, {\"apiKeyHint\": \"keep\"}]");
        JsonNode masked = redactor.redact(rows);
        assertThat(masked.get(0).get("Api-Key").asText()).isEqualTo(SecretRedactor.REDACTED);
        assertThat(masked.get(1).get("Api-Key").asText()).isEqualTo(SecretRedactor.REDACTED);
        assertThat(masked.get(2).get("apiKeyHint").asText()).isEqualTo("keep");
    }
}
