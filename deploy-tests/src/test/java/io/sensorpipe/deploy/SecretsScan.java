package io.sensorpipe.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds literal secrets in text: private keys, MongoDB URIs with an inline password, and password/secret/token
 * assignments with a literal value. Placeholders ({@code <...>}, {@code ${VAR}}, {@code $VAR}, {@code %s},
 * {@code ***}, a bare {@code pw}), file paths, and obviously fake values ({@code example}, {@code dummy},
 * {@code changeme}) are not secrets.
 */
final class SecretsScan {
    private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----");
    private static final Pattern URI_PASSWORD = Pattern.compile("mongodb(?:\\+srv)?://[^\\s:/@\"'`]+:([^\\s@\"'`]+)@");
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?i)\\b[a-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key)[a-z0-9_.-]*[\"']?\\s*[:=]\\s*"
                    + "(\"[^\"]*\"|'[^']*'|[^\\s,;)}\\]]+)");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{[^}]*}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]+");
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(?i)^(|<[^>]*>?|\\$\\{.*|\\$[A-Za-z_(].*|%s|\\*+|x{3,}|\\.\\.\\.|\\{\\{.*|\\.?/.*|"
                    + "pw|pwd|pass|passwd|password|secret|user|token|"
                    + ".*(example|dummy|changeme|placeholder|redacted|your[-_]).*)$");

    private SecretsScan() {
    }

    /** One finding: what looked like a secret, on which line. */
    record Finding(int line, String kind, String text) {
    }

    /**
     * Scans one file's text. {@code configLike} files (.properties, .env, .yml, .conf, .sh, .md ...) are checked for
     * unquoted assignments too; in source code only quoted literals count (an identifier is not a secret).
     */
    static List<Finding> scan(String text, boolean configLike) {
        List<Finding> findings = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (PRIVATE_KEY.matcher(line).find()) {
                findings.add(new Finding(i + 1, "private key", line.trim()));
            }
            Matcher uri = URI_PASSWORD.matcher(line);
            while (uri.find()) {
                if (!isPlaceholder(uri.group(1))) {
                    findings.add(new Finding(i + 1, "MongoDB URI with an inline password", line.trim()));
                }
            }
            Matcher a = ASSIGNMENT.matcher(REFERENCE.matcher(line).replaceAll("\\${}"));
            while (a.find()) {
                String value = a.group(1);
                boolean quoted = value.startsWith("\"") || value.startsWith("'");
                String bare = quoted ? value.substring(1, value.length() - 1) : value;
                if ((quoted || configLike) && looksLikeALiteral(bare, quoted)) {
                    findings.add(new Finding(i + 1, "literal secret", line.trim()));
                }
            }
        }
        return findings;
    }

    private static boolean looksLikeALiteral(String value, boolean quoted) {
        if (isPlaceholder(value) || value.length() < 4 || ENV_NAME.matcher(value).matches()) {
            return false;
        }
        // an environment variable's name is a reference, not a value;
        // unquoted: an expression or a reference (process.env.X, System.getenv(...), a flag) is not a literal
        return quoted || !(value.contains("(") || value.contains(".") || value.startsWith("-"));
    }

    private static boolean isPlaceholder(String value) {
        return PLACEHOLDER.matcher(value.toLowerCase(Locale.ROOT)).matches();
    }

    /** Whether unquoted assignments count in a file with this name. */
    static boolean isConfigLike(String path) {
        return path.matches(".*\\.(properties|env|env\\.example|ya?ml|conf|cfg|ini|toml|sh|md|txt|json)$")
                || path.endsWith(".env.example") || path.contains("Dockerfile");
    }
}
