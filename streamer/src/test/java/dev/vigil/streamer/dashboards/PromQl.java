package dev.vigil.streamer.dashboards;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL for checking dashboards and rules without a parser: the metric names an expression selects,
 * Grafana's variables replaced by concrete values, and Grafana's {@code label_values(selector, label)} variable
 * queries.
 */
final class PromQl {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern BRACES = Pattern.compile("\\{[^}]*}");
    private static final Pattern BRACKETS = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern OFFSET = Pattern.compile("\\boffset\\s+-?\\w+|@\\s*[\\w.()]+");
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\w:])(?:0x[0-9a-fA-F]+|\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan", "atan2");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\[\\[(\\w+)]]|\\$(\\w+)");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*(\\w+)\\s*\\)\\s*$",
            Pattern.DOTALL);

    /** A Grafana variable query {@code label_values(selector, label)}; {@code selector} may be empty. */
    record LabelValues(String selector, String label) {

        /** The PromQL query whose result has one series per value of the label. */
        String asQuery() {
            return "count by (" + label + ") (" + selector + ")";
        }
    }

    private PromQl() {
    }

    /**
     * The metric names {@code expr} selects: every identifier that is not a function or aggregation (followed by
     * a parenthesis), a keyword, a label name in a matcher or grouping clause, a string, a number or a duration.
     * Selectors by {@code __name__} are not seen.
     */
    static Set<String> metricNames(String expr) {
        String s = STRING.matcher(expr).replaceAll("\"\"");
        s = BRACES.matcher(s).replaceAll(" ");
        s = BRACKETS.matcher(s).replaceAll(" ");
        s = GROUPING.matcher(s).replaceAll(" ");
        s = OFFSET.matcher(s).replaceAll(" ");
        s = NUMBER.matcher(s).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String name = m.group();
            int next = m.end();
            while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
                next++;
            }
            boolean call = next < s.length() && s.charAt(next) == '(';
            if (!call && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Replaces Grafana's variables ({@code $name}, {@code ${name}}, {@code ${name:format}}, {@code [[name]]},
     * built-ins such as {@code $__rate_interval} included) by {@code values}.
     *
     * @throws IllegalArgumentException naming a variable that has no value
     */
    static String substitute(String expr, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no value for variable $" + name + " in: " + expr);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code query} as a {@code label_values(selector, label)} query, or {@code null} when it is another kind. */
    static LabelValues labelValues(String query) {
        Matcher m = LABEL_VALUES.matcher(query);
        return m.matches() ? new LabelValues(m.group(1).strip(), m.group(2)) : null;
    }
}
