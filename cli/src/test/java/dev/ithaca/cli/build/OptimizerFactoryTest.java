package dev.ithaca.cli.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ithaca.cli.config.OptimizerConfig;
import dev.ithaca.cli.config.bind.ConfigReader;
import dev.ithaca.cli.config.bind.ConfigTree;
import dev.ithaca.cli.config.bind.Overrides;
import dev.ithaca.nn.Parameter;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Optimizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every option of every optimizer section reaches the optimizer, under PyTorch's name. */
class OptimizerFactoryTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{type: sgd, lr: 0.2, momentum: 0.8, dampening: 0, nesterov: true, weight_decay: 0.01, maximize: true, flush_denormals: false}",
            "{type: adam, lr: 0.02, betas: [0.8, 0.9], eps: 1e-6, weight_decay: 0.1, amsgrad: true, maximize: true, flush_denormals: false}",
            "{type: adamw, lr: 0.03, betas: [0.7, 0.95], eps: 1e-7, weight_decay: 0.2, amsgrad: true, maximize: false, flush_denormals: false}",
            "{type: rmsprop, lr: 0.04, alpha: 0.9, eps: 1e-5, weight_decay: 0.3, momentum: 0.5, centered: true, maximize: true,"
                    + " flush_denormals: false}",
            "{type: adagrad, lr: 0.05, lr_decay: 0.01, weight_decay: 0.4, initial_accumulator_value: 0.1, eps: 1e-9, maximize: true,"
                    + " flush_denormals: false}"})
    void everyOptionReachesTheOptimizer(String yaml) throws Exception {
        OptimizerConfig config = ConfigReader.read("test", yaml, new Overrides(), OptimizerConfig.class);
        Parameter weight = Parameter.of("w", Tensor.of(new float[]{1, 2}, 2));
        Optimizer optimizer = OptimizerFactory.create(config, List.of(weight));

        @SuppressWarnings("unchecked")
        Map<String, Object> group = ((List<Map<String, Object>>) optimizer.stateDict().get("param_groups")).get(0);
        JsonNode expected = ConfigTree.of(config);
        ObjectMapper json = new ObjectMapper();
        expected.properties().forEach(option -> {
            if (!option.getKey().equals("type")) {
                JsonNode actual = json.valueToTree(group.get(option.getKey()));
                JsonNode wanted = option.getValue().isNumber() ? json.valueToTree(option.getValue().asDouble()) : option.getValue();
                assertThat((Object) actual).as(option.getKey()).isEqualTo(wanted);
            }
        });
    }
}
