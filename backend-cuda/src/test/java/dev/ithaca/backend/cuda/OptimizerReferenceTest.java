package dev.ithaca.backend.cuda;

import dev.ithaca.spi.Availability;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.Backends;
import dev.ithaca.spi.OptimizerUpdate;
import dev.ithaca.spi.Strided;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The host oracle the CUDA optimizer kernels are held to ({@link OptimizerReference}) agrees bit for
 * bit with the CPU backend, here and on every machine: on a GPU the CUDA kernels are then checked
 * against the same oracle (CudaBackendTest), so all three agree.
 */
@SuppressWarnings("try") // Backends.use works by being open
class OptimizerReferenceTest {

    static Stream<Arguments> cases() {
        return OptimizerCases.updates().stream().flatMap(u -> Stream.of(DType.FLOAT32, DType.FLOAT64).map(t -> Arguments.of(u, t)));
    }


    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void referenceMatchesTheCpuBackendBitForBit(OptimizerUpdate update, DType dtype) {
        Availability available = Backends.describe().stream().filter(d -> d.name().equals("cpu")).findFirst().orElseThrow().availability();
        Assumptions.assumeTrue(available.available(), () -> "the CPU backend cannot run here: " + available);
        Backend cpu = Backends.get("cpu");
        double[][] values = OptimizerCases.inputs(update, 2000, update.hashCode());
        OptimizerCases.Run expected = OptimizerCases.reference(update, dtype, values, 5);
        try (Backends.Use use = Backends.use(cpu)) {
            List<Tensor> tensors = new ArrayList<>();
            for (double[] v : values) {
                tensors.add(Tensor.of(v).to(dtype));
            }
            for (int step = 0; step < 5; step++) {
                Strided[] state = new Strided[update.stateCount()];
                for (int s = 0; s < state.length; s++) {
                    state[s] = tensors.get(2 + s).strided();
                }
                cpu.optimizerStep(update, tensors.get(0).strided(), tensors.get(1).strided(), state);
            }
            for (int k = 0; k < values.length; k++) {
                assertThat(TensorBits.of(tensors.get(k))).as("operand %d", k).containsExactly(expected.bits(k));
            }
            tensors.forEach(Tensor::close);
        }
    }
}
