package dev.ithaca.optim;

import dev.ithaca.nn.Parameter;

import java.util.List;
import java.util.Map;

/**
 * Adam, PyTorch's {@code torch.optim.Adam}: weight decay is an L2 term added to the gradient.
 *
 * <pre>{@code
 * Optimizer adam = Adam.builder().lr(1e-3).betas(0.9, 0.999).eps(1e-8).weightDecay(0).amsgrad(false).build(params);
 * }</pre>
 *
 * <p>Options: {@code lr} (1e-3), {@code betas} ([0.9, 0.999]), {@code eps} (1e-8),
 * {@code weight_decay} (0), {@code amsgrad} (false), {@code maximize} (false),
 * {@code flush_denormals} (true).
 */
public final class Adam extends AdamFamily {
    private Adam(Map<String, Object> options, List<? extends Parameter> params) {
        super("Adam", false, options, params);
    }

    public static AdamBuilder<Adam> builder() {
        return new AdamBuilder<>(pytorchDefaults(0), Adam::new);
    }
}
