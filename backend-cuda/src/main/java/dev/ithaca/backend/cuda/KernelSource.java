package dev.ithaca.backend.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CUDA C text of one module as NVRTC compiles it: the {@code .cu} resource with
 * {@code #include "common.cuh"} replaced by the header's text (NVRTC gets no include path).
 *
 * @param name module name, used in NVRTC diagnostics and cache file names
 * @param text the complete, self-contained source
 */
record KernelSource(String name, String text) {
    static final String RESOURCE_DIR = "/dev/ithaca/backend/cuda/kernels/";
    static final String HEADER = "common.cuh";

    private static final Pattern ENTRY = Pattern.compile("extern \"C\" __global__ void (\\w+)\\(");
    /** Instantiation macros take the name suffix first: {@code #define X(NAME_SUFFIX, ...)}. */
    private static final Pattern MACRO = Pattern.compile("#define (\\w+)\\(NAME_SUFFIX[^)]*\\)((?:[^\\n]*\\\\\\n)*[^\\n]*)");
    private static final Pattern MACRO_ENTRY = Pattern.compile("__global__ void (\\w+)##NAME_SUFFIX\\(");
    private static final Pattern DEFINE = Pattern.compile("(?m)^#define (\\w+) (-?\\d+)\\s*$");

    static KernelSource of(KernelModule module) {
        String text = resource(module.fileName() + ".cu");
        String header = resource(HEADER).replace("#pragma once\n", "");
        String include = "#include \"" + HEADER + "\"";
        if (!text.contains(include)) {
            throw new IllegalStateException("kernel source " + module.fileName() + ".cu does not include " + HEADER);
        }
        return new KernelSource(module.fileName(), text.replace(include, header));
    }

    private static String resource(String file) {
        try (InputStream in = KernelSource.class.getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("kernel source " + RESOURCE_DIR + file + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kernel source " + file, e);
        }
    }

    /** SHA-256 of the text and {@code extra} (compile options), hex: the cache identity of the compiled module. */
    String hash(String extra) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(text.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(extra.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Names of the kernels the module exports: explicit {@code extern "C"} ones and those its instantiation macros make. */
    Set<String> entryPoints() {
        Set<String> names = new LinkedHashSet<>();
        Matcher entry = ENTRY.matcher(text);
        while (entry.find()) {
            names.add(entry.group(1));
        }
        Matcher macro = MACRO.matcher(text);
        while (macro.find()) {
            Set<String> prefixes = new LinkedHashSet<>();
            Matcher inside = MACRO_ENTRY.matcher(macro.group(2));
            while (inside.find()) {
                prefixes.add(inside.group(1));
            }
            Matcher use = Pattern.compile("(?m)^" + macro.group(1) + "\\((\\w+)[,)]").matcher(text);
            while (use.find()) {
                for (String prefix : prefixes) {
                    names.add(prefix + use.group(1));
                }
            }
        }
        return names;
    }

    /** Integer constants the source defines with names starting with {@code prefix} ({@code #define UNARY_NEG 0}). */
    Map<String, Integer> constants(String prefix) {
        Map<String, Integer> constants = new LinkedHashMap<>();
        Matcher define = DEFINE.matcher(text);
        while (define.find()) {
            if (define.group(1).startsWith(prefix)) {
                constants.put(define.group(1).substring(prefix.length()), Integer.parseInt(define.group(2)));
            }
        }
        return constants;
    }
}
