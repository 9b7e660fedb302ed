package dev.ithaca.cli.build;

import dev.ithaca.cli.config.OptimizerConfig;
import dev.ithaca.nn.Parameter;
import dev.ithaca.optim.Adagrad;
import dev.ithaca.optim.Adam;
import dev.ithaca.optim.AdamW;
import dev.ithaca.optim.RMSprop;
import dev.ithaca.optim.SGD;
import dev.ithaca.train.Optimizer;

import java.util.List;

/** Builds the configured optimizer over a model's parameters, passing every option through. */
public final class OptimizerFactory {
    private OptimizerFactory() {
    }

    public static Optimizer create(OptimizerConfig config, List<Parameter> params) {
        if (config instanceof OptimizerConfig.Sgd c) {
            return SGD.builder().lr(c.lr()).momentum(c.momentum()).dampening(c.dampening()).nesterov(c.nesterov())
                    .weightDecay(c.weightDecay()).maximize(c.maximize()).flushDenormals(c.flushDenormals()).build(params);
        }
        if (config instanceof OptimizerConfig.Adam c) {
            return Adam.builder().lr(c.lr()).betas(c.betas().get(0), c.betas().get(1)).eps(c.eps()).weightDecay(c.weightDecay())
                    .amsgrad(c.amsgrad()).maximize(c.maximize()).flushDenormals(c.flushDenormals()).build(params);
        }
        if (config instanceof OptimizerConfig.AdamW c) {
            return AdamW.builder().lr(c.lr()).betas(c.betas().get(0), c.betas().get(1)).eps(c.eps()).weightDecay(c.weightDecay())
                    .amsgrad(c.amsgrad()).maximize(c.maximize()).flushDenormals(c.flushDenormals()).build(params);
        }
        if (config instanceof OptimizerConfig.RmsProp c) {
            return RMSprop.builder().lr(c.lr()).alpha(c.alpha()).eps(c.eps()).weightDecay(c.weightDecay()).momentum(c.momentum())
                    .centered(c.centered()).maximize(c.maximize()).flushDenormals(c.flushDenormals()).build(params);
        }
        OptimizerConfig.Adagrad c = (OptimizerConfig.Adagrad) config;
        return Adagrad.builder().lr(c.lr()).lrDecay(c.lrDecay()).weightDecay(c.weightDecay())
                .initialAccumulatorValue(c.initialAccumulatorValue()).eps(c.eps()).maximize(c.maximize())
                .flushDenormals(c.flushDenormals()).build(params);
    }
}
