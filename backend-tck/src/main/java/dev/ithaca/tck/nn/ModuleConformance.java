package dev.ithaca.tck.nn;

import dev.ithaca.memory.Scope;
import dev.ithaca.nn.BatchNorm1d;
import dev.ithaca.nn.Dropout;
import dev.ithaca.nn.GELU;
import dev.ithaca.nn.Linear;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.Parameter;
import dev.ithaca.nn.ReLU;
import dev.ithaca.nn.Sequential;
import dev.ithaca.nn.StateDictMismatchException;
import dev.ithaca.nn.StateDictReport;
import dev.ithaca.nn.TransformerBlock;
import dev.ithaca.nn.init.Init;
import dev.ithaca.random.Generator;
import dev.ithaca.tck.BackendConformanceTest;
import dev.ithaca.tck.Samples;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Device;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.ithaca.tck.Approx.assertSameValues;
import static dev.ithaca.tck.Approx.assertValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@link Module} base: names, traversal, modes, state dicts, conversion, ownership and display. */
public abstract class ModuleConformance extends BackendConformanceTest {

    /** A user-defined model, as a subclass outside the nn package writes one. */
    static final class Net extends Module {
        private final Sequential layers;
        private final Sequential blocks;

        Net(Generator g) {
            layers = registerModule("layers", new Sequential(new Linear(4, 8, g), new ReLU(), new Linear(8, 4, g)));
            blocks = registerModule("blocks", new Sequential(
                    new TransformerBlock(4, 2, 0, GELU.Approximation.NONE, g),
                    new TransformerBlock(4, 2, 0, GELU.Approximation.NONE, g)));
        }

        @Override
        public Tensor forward(Tensor input) {
            return blocks.forward(layers.forward(input));
        }
    }

    /** Registers its own parameter after a child, and ties a second name to the child's weight. */
    static final class Tied extends Module {
        private final Linear inner;

        Tied(Generator g) {
            inner = registerModule("inner", new Linear(3, 3, g));
            Init.constant(createParameter("scale", DType.FLOAT32, 3), 2);
            registerParameter("tied", inner.weight());
        }

        Parameter tied() {
            return parameter("tied");
        }

        Linear inner() {
            return inner;
        }

        @Override
        public Tensor forward(Tensor input) {
            return inner.forward(input).mul(parameter("scale"));
        }

        void register(String name) {
            createParameter(name, DType.FLOAT32, 1);
        }
    }

    private static Sequential smallModel(long seed) {
        return new Sequential(new Linear(3, 4, new Generator(seed)), new BatchNorm1d(4));
    }

    @Test
    void namedParametersUseStableDottedNames() {
        Net net = new Net(new Generator(1));
        Map<String, Parameter> named = net.namedParameters();
        assertThat(named.keySet()).startsWith("layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias",
                "blocks.0.ln1.weight", "blocks.0.ln1.bias", "blocks.0.attn.qkv.weight");
        assertThat(named).containsKeys("blocks.1.attn.qkv.bias", "blocks.1.mlp.2.weight");
        assertThat(named.keySet()).containsExactlyElementsOf(new Net(new Generator(2)).namedParameters().keySet());
        assertThat(net.parameters()).containsExactlyElementsOf(named.values());
        assertThat(named.get("layers.2.weight").shape()).containsExactly(4, 8);
        assertThat(named.get("layers.2.weight").name()).isEqualTo("weight");
    }

    @Test
    void ownParametersComeFirstAndSharedOnesAppearOnceInParametersButUnderEveryNameInTheStateDict() {
        Tied tied = new Tied(new Generator(1));
        assertThat(tied.namedParameters().keySet()).containsExactly("scale", "tied", "inner.bias");
        assertThat(tied.parameters()).hasSize(3);
        assertThat(tied.parameterCount()).isEqualTo(3 + 9 + 3);
        assertThat(tied.stateDict().keySet()).containsExactly("scale", "tied", "inner.weight", "inner.bias");
        assertThat(tied.stateDict().get("tied")).isSameAs(tied.stateDict().get("inner.weight"));
    }

    @Test
    void childrenAndModulesAreListedInRegistrationOrder() {
        Net net = new Net(new Generator(1));
        assertThat(net.namedChildren().keySet()).containsExactly("layers", "blocks");
        assertThat(net.children()).hasSize(2);
        assertThat(net.namedModules().keySet()).startsWith("", "layers", "layers.0", "layers.1", "layers.2", "blocks",
                "blocks.0", "blocks.0.ln1");
        assertThat(net.namedModules().get("")).isSameAs(net);
    }

    @Test
    void trainAndEvalReachEveryDescendant() {
        Sequential model = new Sequential(new Dropout(0.5, 1), new Sequential(new Linear(2, 2), new BatchNorm1d(2)));
        assertThat(model.namedModules().values()).allMatch(Module::isTraining);
        assertThat(model.eval()).isSameAs(model);
        assertThat(model.namedModules().values()).noneMatch(Module::isTraining);
        model.train();
        assertThat(model.namedModules().values()).allMatch(Module::isTraining);
        model.train(false);
        assertThat(model.namedModules().values()).noneMatch(Module::isTraining);
    }

    @Test
    void zeroGradDropsEveryGradient() {
        Net net = new Net(new Generator(1));
        for (Parameter p : net.parameters()) {
            p.setGrad(Tensor.onesLike(p));
        }
        assertThat(net.parameters()).allMatch(p -> p.grad() != null);
        net.zeroGrad();
        assertThat(net.parameters()).allMatch(p -> p.grad() == null);
    }

    @Test
    void stateDictHoldsEachModulesParametersThenBuffersAsLiveTensors() {
        Sequential model = smallModel(1);
        Map<String, Tensor> state = model.stateDict();
        assertThat(state.keySet()).containsExactly("0.weight", "0.bias", "1.weight", "1.bias",
                "1.running_mean", "1.running_var", "1.num_batches_tracked");
        assertThat(state.get("0.weight")).isSameAs(model.namedParameters().get("0.weight"));
        assertThat(model.namedBuffers().keySet()).containsExactly("1.running_mean", "1.running_var", "1.num_batches_tracked");
    }

    @Test
    void loadStateDictCopiesValuesIntoTheSameTensors() {
        Sequential source = smallModel(1);
        source.forward(Samples.tensor(DType.FLOAT32, Samples.floats(1, 15, -2, 2), 5, 3));   // moves the running statistics
        Sequential target = smallModel(2);
        List<Parameter> before = target.parameters();
        StateDictReport report = target.loadStateDict(source.stateDict(), true);
        assertThat(report.isClean()).isTrue();
        assertThat(report.describe()).isEmpty();
        assertThat(target.parameters()).containsExactlyElementsOf(before);
        source.stateDict().forEach((key, value) -> assertSameValues(target.stateDict().get(key), value));
        assertThat(target.stateDict().get("1.num_batches_tracked").toLongArray()).containsExactly(1);
        source.eval();
        target.eval();
        Tensor x = Samples.tensor(DType.FLOAT32, Samples.floats(2, 6, -2, 2), 2, 3);
        assertSameValues(target.forward(x), source.forward(x));
    }

    private static Map<String, Tensor> brokenState(Sequential source) {
        Map<String, Tensor> state = new LinkedHashMap<>(source.stateDict());
        state.remove("0.bias");
        state.remove("1.running_var");
        state.put("extra.weight", Tensor.zeros(2));
        state.put("0.weight", Tensor.zeros(3, 4));
        return state;
    }

    @Test
    void strictLoadListsEveryProblemAtOnceAndCopiesNothing() {
        Sequential source = smallModel(1);
        Sequential target = smallModel(2);
        double[] targetWeight = target.stateDict().get("1.weight").toDoubleArray();
        NnSamples.randomize(source, 5, -1, 1);
        assertThatThrownBy(() -> target.loadStateDict(brokenState(source), true))
                .isInstanceOf(StateDictMismatchException.class)
                .hasMessage(String.join("\n",
                        "Error(s) loading state dict into Sequential:",
                        "  missing keys (2): 0.bias, 1.running_var",
                        "  unexpected keys (1): extra.weight",
                        "  shape mismatches (1): 0.weight: expected [4, 3], got [3, 4]"))
                .satisfies(e -> {
                    StateDictReport report = ((StateDictMismatchException) e).report();
                    assertThat(report.missingKeys()).containsExactly("0.bias", "1.running_var");
                    assertThat(report.unexpectedKeys()).containsExactly("extra.weight");
                    assertThat(report.shapeMismatches()).containsExactly("0.weight: expected [4, 3], got [3, 4]");
                });
        assertValues(target.stateDict().get("1.weight"), targetWeight);
    }

    @Test
    void nonStrictLoadCopiesWhatMatchesAndReportsTheRest() {
        Sequential source = smallModel(1);
        NnSamples.randomize(source, 5, -1, 1);
        Sequential target = smallModel(2);
        double[] targetWeight = target.stateDict().get("0.weight").toDoubleArray();
        StateDictReport report = target.loadStateDict(brokenState(source), false);
        assertThat(report.isClean()).isFalse();
        assertThat(report.missingKeys()).containsExactly("0.bias", "1.running_var");
        assertThat(report.unexpectedKeys()).containsExactly("extra.weight");
        assertThat(report.shapeMismatches()).containsExactly("0.weight: expected [4, 3], got [3, 4]");
        assertValues(target.stateDict().get("0.weight"), targetWeight);
        assertSameValues(target.stateDict().get("1.weight"), source.stateDict().get("1.weight"));
        assertSameValues(target.stateDict().get("1.bias"), source.stateDict().get("1.bias"));
    }

    @Test
    void loadStateDictConvertsTheDtype() {
        Sequential source = smallModel(1);
        Sequential target = smallModel(2);
        target.to(DType.FLOAT64);
        target.loadStateDict(source.stateDict(), true);
        assertThat(target.stateDict().get("0.weight").dtype()).isEqualTo(DType.FLOAT64);
        assertValues(target.stateDict().get("0.weight"), source.stateDict().get("0.weight").toDoubleArray());
    }

    @Test
    void toDTypeConvertsFloatingTensorsKeepsCountersFlagsAndGradients() {
        Sequential model = smallModel(1);
        Map<String, double[]> values = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> values.put(k, v.toDoubleArray()));
        Parameter frozen = model.namedParameters().get("1.bias");
        frozen.requiresGrad(false);
        Parameter oldWeight = model.namedParameters().get("0.weight");
        oldWeight.setGrad(Tensor.full(0.5, 4, 3));
        assertThat(model.to(DType.FLOAT64)).isSameAs(model);
        Map<String, Tensor> state = model.stateDict();
        assertThat(state.keySet()).containsExactlyElementsOf(values.keySet());
        state.forEach((k, v) -> assertValues(v, values.get(k)));
        assertThat(model.parameters()).allMatch(p -> p.dtype() == DType.FLOAT64);
        assertThat(state.get("1.running_var").dtype()).isEqualTo(DType.FLOAT64);
        assertThat(state.get("1.num_batches_tracked").dtype()).isEqualTo(DType.INT64);
        assertThat(model.namedParameters().get("1.bias").requiresGrad()).isFalse();
        assertThat(model.namedParameters().get("0.bias").requiresGrad()).isTrue();
        assertThat(model.namedParameters().get("0.weight").name()).isEqualTo("weight");
        assertThat(model.namedParameters().get("0.weight").grad().dtype()).isEqualTo(DType.FLOAT64);
        assertValues(model.namedParameters().get("0.weight").grad(), 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5);
        assertThat(oldWeight.isClosed()).isTrue();
        assertThat(model.forward(Tensor.ones(DType.FLOAT64, 2, 3)).dtype()).isEqualTo(DType.FLOAT64);
        assertThatThrownBy(() -> model.to(DType.INT64)).hasMessageContaining("floating point").hasMessageContaining("INT64");
    }

    @Test
    void conversionKeepsTiedParametersTied() {
        Tied tied = new Tied(new Generator(3));
        tied.to(DType.FLOAT64);
        assertThat(tied.tied()).isSameAs(tied.inner().weight());
        assertThat(tied.tied().dtype()).isEqualTo(DType.FLOAT64);
    }

    @Test
    void movingToTheBackendItIsOnKeepsTheParameterObjects() {
        Sequential model = smallModel(1);
        List<Parameter> before = model.parameters();
        model.to(backend());
        model.to(backend().device());
        model.to(DType.FLOAT32);
        assertThat(model.parameters()).containsExactlyElementsOf(before);
        assertThat(model.parameters()).noneMatch(Tensor::isClosed);
        Device other = new Device(backend().device().type(), backend().device().index() + 1);
        assertThatThrownBy(() -> model.to(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Sequential.to(" + other + ")").hasMessageContaining("serves only " + backend().device());
        assertThatThrownBy(() -> model.to(new Device("no-such-backend", 0))).isInstanceOf(RuntimeException.class)
                .hasMessageContaining("Sequential.to(no-such-backend:0)");
    }

    @Test
    void aModuleOutlivesTheScopeItWasBuiltAndConvertedIn() {
        Sequential model;
        try (Scope scope = Scope.open()) {
            model = smallModel(1);
            model.to(DType.FLOAT64);
        }
        assertThat(model.stateDict().values()).noneMatch(Tensor::isClosed);
        assertThat(model.forward(Tensor.ones(DType.FLOAT64, 2, 3)).shape()).containsExactly(2, 4);
    }

    @Test
    void registrationRejectsDuplicateAndDottedNames() {
        Tied tied = new Tied(new Generator(1));
        assertThatThrownBy(() -> tied.register("scale")).hasMessageContaining("'scale' is already registered");
        assertThatThrownBy(() -> tied.register("inner")).hasMessageContaining("'inner' is already registered");
        assertThatThrownBy(() -> tied.register("a.b")).hasMessageContaining("'a.b'").hasMessageContaining("no '.'");
        assertThatThrownBy(() -> tied.register(" ")).hasMessageContaining("non-blank");
    }

    @Test
    void closeFreesEveryParameterAndBufferOnce() {
        Sequential model = smallModel(1);
        List<Tensor> tensors = List.copyOf(model.stateDict().values());
        model.close();
        assertThat(tensors).allMatch(Tensor::isClosed);
        model.close();
        assertThatThrownBy(() -> model.forward(Tensor.ones(2, 3))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(model::stateDict).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void sequentialChainsIndexesAndMayBeEmpty() {
        Linear first = new Linear(2, 3, new Generator(1));
        Sequential model = new Sequential(first, new ReLU());
        assertThat(model.size()).isEqualTo(2);
        assertThat(model.get(0)).isSameAs(first);
        assertThatThrownBy(() -> model.get(2)).hasMessageContaining("index 2").hasMessageContaining("[0, 2)");
        Tensor x = Samples.tensor(DType.FLOAT32, Samples.floats(3, 4, -2, 2), 2, 2);
        assertSameValues(model.forward(x), first.forward(x).relu());
        Tensor same = new Sequential().forward(x);
        assertThat(same).isSameAs(x);
    }

    @Test
    void toStringIsAPyTorchStyleTree() {
        Sequential model = new Sequential(new Linear(2, 3, false, new Generator(1)), new ReLU(),
                new Sequential(new Dropout(0.5, 1)));
        assertThat(model).hasToString(String.join("\n",
                "Sequential(",
                "  (0): Linear(inFeatures=2, outFeatures=3, bias=false)",
                "  (1): ReLU()",
                "  (2): Sequential(",
                "    (0): Dropout(p=0.5)",
                "  )",
                ")"));
    }
}
