package dev.ithaca.loops;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.memory.Scope;
import dev.ithaca.nn.Linear;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.loss.BCEWithLogitsLoss;
import dev.ithaca.nn.loss.CrossEntropyLoss;
import dev.ithaca.nn.loss.HuberLoss;
import dev.ithaca.nn.loss.L1Loss;
import dev.ithaca.nn.loss.Loss;
import dev.ithaca.nn.loss.MSELoss;
import dev.ithaca.nn.loss.NLLLoss;
import dev.ithaca.nn.loss.Reduction;
import dev.ithaca.nn.loss.SmoothL1Loss;
import dev.ithaca.optim.Adam;
import dev.ithaca.tensor.Tensor;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Any core {@link Loss} (or a lambda) drives training and evaluation, with class-index, value and binary targets. */
@SuppressWarnings("try") // scopes, NoGrad and Backends.use work by being open
class LossFunctionIntegrationTest extends CpuTest {
    private static final SyntheticData CLASSES = SyntheticData.teacherClassification(100, 4, 3, 51);
    private static final SyntheticData VALUES = SyntheticData.linearRegression(100, 4, 2, 52);
    private static final SyntheticData BINARY = SyntheticData.binary(100, 4, 53);

    static Stream<Arguments> losses() {
        NLLLoss nll = new NLLLoss();
        Supplier<Module> classifier = () -> Models.mlp(4, 4, 16, 3);
        Supplier<Module> regressor = () -> Models.linear(4, 4, 2);
        return Stream.of(
                Arguments.of("CrossEntropyLoss", new CrossEntropyLoss(), CLASSES, classifier),
                Arguments.of("CrossEntropyLoss with label smoothing", CrossEntropyLoss.builder().labelSmoothing(0.1).build(), CLASSES, classifier),
                Arguments.of("NLLLoss on log-softmax (a lambda)", (Loss) (input, target) -> nll.forward(input.logSoftmax(1), target), CLASSES, classifier),
                Arguments.of("MSELoss", new MSELoss(), VALUES, regressor),
                Arguments.of("L1Loss", new L1Loss(), VALUES, regressor),
                Arguments.of("HuberLoss", new HuberLoss(), VALUES, regressor),
                Arguments.of("SmoothL1Loss", new SmoothL1Loss(), VALUES, regressor),
                Arguments.of("BCEWithLogitsLoss", new BCEWithLogitsLoss(), BINARY, (Supplier<Module>) () -> Models.mlp(4, 4, 8, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void trainsAndEvaluatesWithTheLoss(String name, Loss loss, SyntheticData data, Supplier<Module> factory) {
        Module model = own(factory.get());
        Adam adam = own(Adam.builder().lr(0.05).build(model.parameters()));
        SyntheticData train = data.withoutRows(80, 100);
        SyntheticData val = data.withoutRows(0, 80);
        History history = Trainer.builder().model(model).loss(loss).optimizer(adam).maxEpochs(8).build()
                .fit(ArraySource.shuffled(train, 16, 1), ArraySource.of(val, 8));   // validation batches of 8, 8, 4

        List<Double> trainLoss = history.get("train_loss");
        assertThat(trainLoss.get(7)).as("%s falls", name).isLessThan(0.7 * trainLoss.get(0));
        // a mean-reduced loss averaged per sample over uneven batches is the loss over the whole set
        double whole;
        try (Scope scope = Scope.open(); NoGrad ignored = NoGrad.enter()) {
            model.eval();
            Tensor input = Tensor.of(val.inputs(), 20, 4);
            Tensor target = val.labels() != null ? Tensor.of(val.labels(), 20) : Tensor.of(val.targets(), 20, val.targetWidth());
            whole = loss.forward(model.forward(input), target).item();
        }
        assertThat(history.last().get("val_loss")).isCloseTo(whole, Percentage.withPercentage(1e-4));
    }

    @Test
    void aLossThatDoesNotReduceToOneValueIsRefused() {
        Linear model = own(Models.linear(1, 4, 2));
        Adam adam = own(Adam.builder().lr(0.05).build(model.parameters()));
        Trainer trainer = Trainer.builder().model(model).loss(new MSELoss(Reduction.NONE)).optimizer(adam).maxEpochs(1).build();
        assertThatThrownBy(() -> trainer.fit(ArraySource.of(VALUES, 16)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Trainer: the loss must reduce to one value (Reduction.MEAN or SUM), got shape [16, 2]");
    }

    @Test
    void aSumReducedLossTrainsToo() {
        Linear model = own(Models.linear(1, 4, 2));
        Adam adam = own(Adam.builder().lr(0.05).build(model.parameters()));
        History history = Trainer.builder().model(model).loss(new MSELoss(Reduction.SUM)).optimizer(adam).maxEpochs(5).build()
                .fit(ArraySource.of(VALUES, 20));
        assertThat(history.get("train_loss").get(4)).isLessThan(0.5 * history.get("train_loss").get(0));
    }
}
