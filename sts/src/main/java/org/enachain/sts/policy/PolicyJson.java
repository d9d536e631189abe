package org.enachain.sts.policy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

import org.enachain.core.Printable;

/**
 * Typed, problem-collecting access to the parsed JSON of a policy file. Every getter checks the JSON
 * type and reports a wrong one as a problem at the value's path instead of throwing, so one pass
 * finds every problem. Problems name JSON types, never values, so nothing secret is echoed.
 */
final class PolicyJson {

    private PolicyJson() {
    }

    /** The problems found so far, each "path: rule". */
    static final class Problems {
        private final List<String> list = new ArrayList<>();

        /** Adds "path: rule"; the empty path is the document itself, shown as "policy". */
        void add(String path, String rule) {
            list.add((path.isEmpty() ? "policy" : path) + ": " + rule);
        }

        List<String> list() {
            return list;
        }

        boolean isEmpty() {
            return list.isEmpty();
        }

        int size() {
            return list.size();
        }
    }

    /** A value together with the JSON path it was found at. */
    record Element<T>(String path, T value) {
    }

    /** A JSON object whose allowed keys are known; unknown keys are reported when it is opened. */
    static final class Obj {
        private final Problems problems;
        private final String path;
        private final Map<String, Object> members;

        private Obj(Problems problems, String path, Map<String, Object> members) {
            this.problems = problems;
            this.path = path;
            this.members = members;
        }

        /**
         * Opens {@code value} as an object with exactly the keys {@code allowed} (each optional);
         * empty, with a problem, when it is not an object. Unknown keys are reported with the
         * closest allowed key as a suggestion.
         */
        static Optional<Obj> open(Problems problems, String path, Object value, Collection<String> allowed) {
            if (!(value instanceof Map<?, ?> map)) {
                problems.add(path, "must be an object, not " + typeName(value));
                return Optional.empty();
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> members = (Map<String, Object>) map;
            for (String key : members.keySet()) {
                if (!allowed.contains(key)) {
                    problems.add(path, "unknown key " + quote(key)
                            + KeySuggestion.closest(key, allowed).map(s -> " (did you mean '" + s + "'?)").orElse(""));
                }
            }
            return Optional.of(new Obj(problems, path, members));
        }

        String path() {
            return path;
        }

        String path(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        boolean has(String key) {
            return members.containsKey(key);
        }

        Problems problems() {
            return problems;
        }

        /** A boolean member, or {@code otherwise} when absent or of the wrong type (reported). */
        boolean bool(String key, boolean otherwise) {
            if (!members.containsKey(key)) {
                return otherwise;
            }
            Object value = members.get(key);
            if (value instanceof Boolean b) {
                return b;
            }
            problems.add(path(key), "must be true or false, not " + typeName(value));
            return otherwise;
        }

        /** A string member when present and a string; a wrong type is reported. */
        Optional<String> string(String key) {
            if (!members.containsKey(key)) {
                return Optional.empty();
            }
            Object value = members.get(key);
            if (value instanceof String s) {
                return Optional.of(s);
            }
            problems.add(path(key), "must be a string, not " + typeName(value));
            return Optional.empty();
        }

        /** Like {@link #string(String)}, and an empty or blank string is reported too. */
        Optional<String> nonBlankString(String key) {
            Optional<String> value = string(key);
            if (value.isPresent() && value.get().isBlank()) {
                problems.add(path(key), "must not be empty");
                return Optional.empty();
            }
            return value;
        }

        /** A required non-blank string member; its absence is reported. */
        Optional<String> requiredString(String key) {
            if (!members.containsKey(key)) {
                problems.add(path(key), "is required");
                return Optional.empty();
            }
            return nonBlankString(key);
        }

        /** An integer member when present and an integer; a wrong type (also a fraction) is reported. */
        OptionalLong integer(String key) {
            if (!members.containsKey(key)) {
                return OptionalLong.empty();
            }
            Object value = members.get(key);
            if (value instanceof Long l) {
                return OptionalLong.of(l);
            }
            if (value instanceof BigInteger) {
                problems.add(path(key), "is too large");
                return OptionalLong.empty();
            }
            problems.add(path(key), "must be a whole number, not " + typeName(value));
            return OptionalLong.empty();
        }

        /** An object member with known keys, when present and an object. */
        Optional<Obj> object(String key, Collection<String> allowed) {
            if (!members.containsKey(key)) {
                return Optional.empty();
            }
            return open(problems, path(key), members.get(key), allowed);
        }

        /** An object member with arbitrary keys (a map), when present and an object. */
        Optional<Map<String, Object>> map(String key) {
            if (!members.containsKey(key)) {
                return Optional.empty();
            }
            Object value = members.get(key);
            if (value instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) map;
                return Optional.of(typed);
            }
            problems.add(path(key), "must be an object, not " + typeName(value));
            return Optional.empty();
        }

        /** Whether the member is a non-empty array or object (no problem is reported either way). */
        boolean listsSomething(String key) {
            Object value = members.get(key);
            return value instanceof List<?> list && !list.isEmpty() || value instanceof Map<?, ?> map && !map.isEmpty();
        }

        /** Whether the member is absent or an empty array (no problem is reported either way). */
        boolean absentOrEmptyArray(String key) {
            return !members.containsKey(key) || members.get(key) instanceof List<?> list && list.isEmpty();
        }

        /** The raw member value (may be null), when present. */
        Optional<Object> raw(String key) {
            return members.containsKey(key) ? Optional.ofNullable(members.get(key)) : Optional.empty();
        }

        /** An array member, when present and an array. */
        Optional<List<?>> array(String key) {
            if (!members.containsKey(key)) {
                return Optional.empty();
            }
            Object value = members.get(key);
            if (value instanceof List<?> list) {
                return Optional.of(list);
            }
            problems.add(path(key), "must be an array, not " + typeName(value));
            return Optional.empty();
        }

        /** The string elements of an array member; other elements (and empty strings) are reported. */
        List<Element<String>> strings(String key) {
            return array(key).map(list -> PolicyJson.strings(problems, path(key), list)).orElse(List.of());
        }

        /** Like {@link #strings(String)}, keeping the elements {@code accept} accepts (it reports the others). */
        List<Element<String>> strings(String key, Predicate<Element<String>> accept) {
            return array(key).map(list -> PolicyJson.strings(problems, path(key), list, accept)).orElse(List.of());
        }

        /** The elements of an array of objects with known keys; other elements are reported. */
        List<Obj> objects(String key, Collection<String> allowed) {
            List<Obj> result = new ArrayList<>();
            array(key).ifPresent(list -> {
                for (int i = 0; i < list.size(); i++) {
                    open(problems, path(key) + "[" + i + "]", list.get(i), allowed).ifPresent(result::add);
                }
            });
            return result;
        }
    }

    /** The string elements of {@code list}; other elements, and empty strings, are reported. */
    static List<Element<String>> strings(Problems problems, String path, List<?> list) {
        return strings(problems, path, list, element -> true);
    }

    /**
     * The string elements of {@code list} that {@code accept} accepts; other elements, and empty
     * strings, are reported. {@code accept} reports why it refuses, so problems stay in element order.
     */
    static List<Element<String>> strings(Problems problems, String path, List<?> list,
                                         Predicate<Element<String>> accept) {
        List<Element<String>> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String elementPath = path + "[" + i + "]";
            Object value = list.get(i);
            if (!(value instanceof String s)) {
                problems.add(elementPath, "must be a string, not " + typeName(value));
            } else if (s.isBlank()) {
                problems.add(elementPath, "must not be empty");
            } else {
                Element<String> element = new Element<>(elementPath, s);
                if (accept.test(element)) {
                    result.add(element);
                }
            }
        }
        return result;
    }

    /** The path of a member of a map whose keys are data (URLs, scope values): {@code path["key"]}. */
    static String entryPath(String path, String key) {
        return path + "[\"" + Printable.ascii(key, 200) + "\"]";
    }

    /** A value from the file, quoted for a problem text: printable ASCII, bounded. */
    static String quote(String value) {
        return "'" + Printable.ascii(value, 200) + "'";
    }

    static String typeName(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
            return "a whole number";
        }
        if (value instanceof Number) {
            return "a decimal number";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof Map) {
            return "an object";
        }
        return value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** Suggestions for mistyped keys. */
    static final class KeySuggestion {

        private KeySuggestion() {
        }

        /**
         * The allowed key {@code unknown} most likely stands for: the same key in another spelling
         * ({@code client_id}, {@code clientId}), the key with a unit added ({@code leeway} for
         * {@code leeway-seconds}), or one at most two edits away; empty when none is close.
         */
        static Optional<String> closest(String unknown, Collection<String> allowed) {
            String normalized = normalize(unknown);
            for (String candidate : allowed) {
                if (normalize(candidate).equals(normalized)) {
                    return Optional.of(candidate);
                }
            }
            String lower = unknown.toLowerCase(Locale.ROOT);
            int limit = Math.min(2, Math.max(1, lower.length() / 3));
            String best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (String candidate : allowed) {
                int d = distance(lower, candidate);
                if (d <= limit && d < bestDistance) {
                    best = candidate;
                    bestDistance = d;
                }
            }
            if (best == null && lower.length() >= 3) {
                for (String candidate : allowed) {
                    if (candidate.startsWith(lower + "-")) {
                        return Optional.of(candidate);
                    }
                }
            }
            return Optional.ofNullable(best);
        }

        private static String normalize(String key) {
            return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        }

        /** Levenshtein distance. */
        private static int distance(String a, String b) {
            int[] previous = new int[b.length() + 1];
            int[] current = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) {
                previous[j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                current[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                    current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
                }
                int[] swap = previous;
                previous = current;
                current = swap;
            }
            return previous[b.length()];
        }
    }
}
