package dev.ithaca.backend.cuda;

import dev.ithaca.random.Distribution;
import dev.ithaca.spi.BinaryOp;
import dev.ithaca.spi.ReduceOp;
import dev.ithaca.spi.UnaryOp;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Window2d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract between the Java launchers and the CUDA sources, checked without a compiler: every
 * kernel the Java side launches is exported by its module, and every code the two sides share
 * (op ordinals, dtype codes, flags, struct sizes) has the same value on both.
 */
class KernelSourceTest {
    private static final List<DType> ALL = List.of(DType.values());
    private static final List<DType> FLOATING = List.of(DType.FLOAT32, DType.FLOAT64);

    private static Map<KernelModule, List<String>> launchedKernels() {
        Map<KernelModule, List<String>> names = new EnumMap<>(KernelModule.class);
        List<String> elementwise = new ArrayList<>();
        for (String size : List.of("1", "4", "8")) {
            elementwise.addAll(List.of("fill_" + size, "copy_" + size, "where_" + size));
        }
        List<String> cast = new ArrayList<>();
        List<String> reduce = new ArrayList<>(List.of("reduce_finish_f64", "reduce_finish_i64"));
        List<String> indexing = new ArrayList<>(List.of("gather_1", "gather_4", "gather_8"));
        List<String> window = new ArrayList<>(List.of("im2col_1", "im2col_4", "im2col_8"));
        List<String> random = new ArrayList<>();
        List<String> matmul = new ArrayList<>();
        for (DType t : ALL) {
            String s = DeviceAddress.suffix(t);
            elementwise.addAll(List.of("unary_" + s, "clamp_" + s, "binary_" + s));
            for (DType to : ALL) {
                if (to != t) {
                    cast.add(ElementwiseKernels.castKernel(t, to));
                }
            }
            reduce.addAll(List.of("reduce_" + s, "argreduce_" + s));
            indexing.add("scatter_add_" + s);
            window.addAll(List.of("col2im_" + s, "max_pool_" + s, "avg_pool_" + s));
            if (t != DType.BOOL) {
                random.add("random_" + s);
            }
            if (!t.isFloatingPoint()) {
                matmul.add("matmul_" + s);
            }
        }
        names.put(KernelModule.ELEMENTWISE, elementwise);
        names.put(KernelModule.CAST, cast);
        names.put(KernelModule.REDUCE, reduce);
        names.put(KernelModule.SOFTMAX, FLOATING.stream().map(t -> "softmax_" + DeviceAddress.suffix(t)).toList());
        names.put(KernelModule.INDEXING, indexing);
        names.put(KernelModule.WINDOW, window);
        names.put(KernelModule.RANDOM, random);
        names.put(KernelModule.OPTIMIZER, FLOATING.stream().map(t -> "optimizer_" + DeviceAddress.suffix(t)).toList());
        names.put(KernelModule.MATMUL_INT, matmul);
        return names;
    }

    @ParameterizedTest
    @EnumSource(KernelModule.class)
    void everyModuleLoadsSelfContainedAndExportsWhatJavaLaunches(KernelModule module) {
        KernelSource source = KernelSource.of(module);
        assertThat(source.name()).isEqualTo(module.fileName());
        assertThat(source.text()).as("the header is inlined: NVRTC gets no include path")
                .doesNotContain("#include").doesNotContain("#pragma once").contains("struct Geometry");
        assertThat(source.entryPoints()).containsAll(launchedKernels().get(module));
    }

    @Test
    void kernelNamesAreUniqueAcrossModules() {
        Set<String> seen = new HashSet<>();
        for (KernelModule module : KernelModule.values()) {
            for (String name : KernelSource.of(module).entryPoints()) {
                assertThat(seen.add(name)).as("kernel %s exported twice", name).isTrue();
            }
        }
        assertThat(seen).hasSizeGreaterThan(90);
    }

    @Test
    void entryPointsFromInstantiationMacrosAreFound() {
        KernelSource source = new KernelSource("t", "#define K(NAME_SUFFIX, T) \\\n"
                + "    extern \"C\" __global__ void a_##NAME_SUFFIX(T x) { } \\\n"
                + "    extern \"C\" __global__ void b_##NAME_SUFFIX(T x) { }\n"
                + "K(f32, float)\nK(i64, long long)\n"
                + "extern \"C\" __global__ void plain(int n) { }\n");
        assertThat(source.entryPoints()).containsExactlyInAnyOrder("plain", "a_f32", "b_f32", "a_i64", "b_i64");
    }

    private static <E extends Enum<E>> Map<String, Integer> ordinals(E[] values) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (E e : values) {
            map.put(e.name(), e.ordinal());
        }
        return map;
    }

    @Test
    void opCodesAreTheJavaEnumOrdinals() {
        assertThat(KernelSource.of(KernelModule.ELEMENTWISE).constants("UNARY_")).isEqualTo(ordinals(UnaryOp.values()));
        assertThat(KernelSource.of(KernelModule.ELEMENTWISE).constants("BINARY_")).isEqualTo(ordinals(BinaryOp.values()));
        assertThat(KernelSource.of(KernelModule.REDUCE).constants("REDUCE_")).isEqualTo(ordinals(ReduceOp.values()));
        assertThat(KernelSource.of(KernelModule.ELEMENTWISE).constants("DTYPE_")).isEqualTo(ordinals(DType.values()));
    }

    @Test
    void sharedSizesMatchTheJavaSide() {
        Map<String, Integer> limits = KernelSource.of(KernelModule.ELEMENTWISE).constants("ITHACA_");
        assertThat(limits).containsEntry("MAX_DIMS", Geometry.MAX_DIMS).containsEntry("MAX_OPERANDS", Geometry.MAX_OPERANDS)
                .containsEntry("BLOCK", LaunchConfig.BLOCK);
    }

    @Test
    void optimizerFlagsAndKindsMatch() {
        KernelSource source = KernelSource.of(KernelModule.OPTIMIZER);
        assertThat(source.constants("FLAG_")).isEqualTo(Map.of("MAXIMIZE", OptimizerKernels.FLAG_MAXIMIZE,
                "DECAY", OptimizerKernels.FLAG_DECAY, "DECOUPLED", OptimizerKernels.FLAG_DECOUPLED,
                "AMSGRAD", OptimizerKernels.FLAG_AMSGRAD, "MOMENTUM", OptimizerKernels.FLAG_MOMENTUM,
                "FIRST_STEP", OptimizerKernels.FLAG_FIRST_STEP, "NESTEROV", OptimizerKernels.FLAG_NESTEROV,
                "CENTERED", OptimizerKernels.FLAG_CENTERED, "FLUSH", OptimizerKernels.FLAG_FLUSH));
        assertThat(source.constants("UPDATE_")).isEqualTo(Map.of("SGD", 0, "ADAM", 1, "RMSPROP", 2, "ADAGRAD", 3));
        assertThat(source.text()).contains("double s[8];");
        assertThat(OptimizerKernels.WORDS).isEqualTo(2 + 8);
    }

    @Test
    void distributionKindsMatchTheParameterWords() {
        assertThat(KernelSource.of(KernelModule.RANDOM).constants("DISTRIBUTION_"))
                .isEqualTo(Map.of("UNIFORM", 0, "NORMAL", 1, "INTEGERS", 2));
    }

    @Test
    void structsHaveTheFieldCountsTheJavaSideWrites() {
        assertThat(KernelSource.of(KernelModule.ELEMENTWISE).text()).contains("struct Geometry {\n    i64 rank;\n    i64 numel;\n"
                + "    i64 shape[ITHACA_MAX_DIMS];\n    i64 strides[ITHACA_MAX_OPERANDS][ITHACA_MAX_DIMS];\n};");
        assertThat(Geometry.WORDS).isEqualTo(2 + Geometry.MAX_DIMS + Geometry.MAX_OPERANDS * Geometry.MAX_DIMS);
        String reduce = KernelSource.of(KernelModule.REDUCE).text();
        assertThat(reduce).contains("struct ReducedBlock {\n    i64 rank;\n    i64 count;\n    i64 sizes[ITHACA_MAX_DIMS];\n"
                + "    i64 strides[ITHACA_MAX_DIMS];\n};");
        assertThat(ReducedDims.WORDS).isEqualTo(2 + 2 * Geometry.MAX_DIMS);
        String window = KernelSource.of(KernelModule.WINDOW).text();
        assertThat(window).contains("i64 batch, channels, height, width;\n    i64 outH, outW;\n"
                + "    i64 kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW;");
        assertThat(WindowKernels.window(FakeStrided.contiguous(DType.FLOAT32, 1, 2, 3, 4), 1, 1, Window2d.of(1, 1))).hasSize(14);
        assertThat(window).contains("i64 a[4];\n    i64 b[4];\n    i64 c[4];");
        String random = KernelSource.of(KernelModule.RANDOM).text();
        assertThat(random.split("struct RandomParams \\{")[1].split("};")[0].lines().filter(l -> l.matches("\\s*(i64|u64|double) \\w+;.*")).count())
                .isEqualTo(7);
        assertThat(RandomKernel.parameters(new Distribution.Normal(0, 1))).hasSize(7);
    }
}
