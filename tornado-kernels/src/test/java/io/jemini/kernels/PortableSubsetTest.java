package io.jemini.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The portable kernels (package {@code io.jemini.kernels}, not its sub-packages) stay in the
 * subset TornadoVM and Aparapi translate: checked on the source text, method by method.
 */
class PortableSubsetTest {
    private static final Path SOURCES = Path.of("src", "main", "java", "io", "jemini", "kernels");
    private static final Pattern METHOD = Pattern.compile("public static (\\w+) (\\w+)\\(([^)]*)\\)");
    private static final List<String> FORBIDDEN = List.of("new ", "switch", "break;", "continue;", "throw ", "try ",
            "->", "synchronized", "instanceof", "String", "Object", "this.");
    private static final Pattern CALL = Pattern.compile("\\b([A-Z][A-Za-z0-9]*)\\.([a-z]\\w*)\\(");
    private static final Pattern PRIMITIVE_PARAM = Pattern.compile("(float\\[]|int\\[]|double\\[]|float|int|long|double) \\w+");

    @Test
    void kernelsUseOnlyThePortableSubset() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith("Kernels.java")).toList()) {
                check(file, Files.readString(file), problems);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static void check(Path file, String source, List<String> problems) {
        String name = file.getFileName().toString();
        Set<String> methods = new HashSet<>();
        Matcher m = METHOD.matcher(source);
        int count = 0;
        while (m.find()) {
            count++;
            String method = name + "." + m.group(2);
            if (!m.group(1).equals("void")) {
                problems.add(method + " returns " + m.group(1) + "; kernels write into arrays");
            }
            if (!methods.add(m.group(2))) {
                problems.add(method + " is overloaded");
            }
            String[] params = m.group(3).split(",\\s*");
            if (params.length < 2 || !params[params.length - 2].equals("int lo") || !params[params.length - 1].equals("int hi")) {
                problems.add(method + " does not end with the parallel range (int lo, int hi)");
            }
            for (String p : params) {
                if (!PRIMITIVE_PARAM.matcher(p.trim()).matches()) {
                    problems.add(method + " takes '" + p.trim() + "'; only primitives and 1-D primitive arrays are portable");
                }
            }
            String body = body(source, m.end());
            for (String bad : FORBIDDEN) {
                if (body.contains(bad)) {
                    problems.add(method + " uses '" + bad.trim() + "'");
                }
            }
            Matcher call = CALL.matcher(body);
            while (call.find()) {
                if (!call.group(1).equals("Math")) {
                    problems.add(method + " calls " + call.group(1) + "." + call.group(2) + "; only Math is allowed");
                }
            }
        }
        if (count == 0) {
            problems.add(name + " has no kernels");
        }
    }

    private static String body(String source, int from) {
        int open = source.indexOf('{', from);
        int depth = 0;
        for (int i = open; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return source.substring(open, i + 1);
            }
        }
        return source.substring(open);
    }
}
