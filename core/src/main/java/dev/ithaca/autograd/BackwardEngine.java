package dev.ithaca.autograd;

import dev.ithaca.tensor.Tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a backward pass: orders the graph reachable from the root topologically, then walks it in
 * reverse, summing the gradients each node receives before applying it (micrograd's engine,
 * iterative so deep graphs do not overflow the stack). Saved tensors are released as each node
 * finishes, as PyTorch does without {@code retain_graph}.
 */
public final class BackwardEngine {
    private BackwardEngine() {
    }

    public static void run(Node root, Tensor rootGradient) {
        List<Node> order = topologicalOrder(root);
        Map<Node, Tensor> pending = new IdentityHashMap<>();
        GradientHandles handles = new GradientHandles(rootGradient);
        pending.put(root, rootGradient);
        try (NoGrad ignored = NoGrad.enter()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Node node = order.get(i);
                Tensor gradient = pending.remove(node);
                if (gradient == null) {
                    continue;
                }
                Tensor[] inputGradients = node.apply(gradient);
                node.release();
                List<Node> next = node.next();
                int routed = Math.min(next.size(), inputGradients.length);
                for (int k = 0; k < routed; k++) {
                    if (next.get(k) != null) {
                        handles.hold(inputGradients[k]);
                    }
                }
                for (int k = 0; k < routed; k++) {
                    Node target = next.get(k);
                    Tensor g = inputGradients[k];
                    if (target == null || g == null) {
                        continue;
                    }
                    Tensor earlier = pending.get(target);
                    if (earlier != null) {
                        Tensor sum = earlier.add(g);
                        pending.put(target, handles.hold(sum));
                        handles.drop(earlier);
                        handles.drop(g);
                    } else {
                        pending.put(target, g);
                    }
                }
                handles.drop(gradient);
            }
        }
    }

    /**
     * Frees each intermediate gradient as soon as no pending slot holds it, so the peak memory of a
     * backward pass is that of its widest frontier, not of every gradient ever made. One tensor may
     * sit in several slots (an add sends the same gradient to both inputs), hence the counts.
     */
    private static final class GradientHandles {
        private final Tensor rootGradient;
        private final Map<Tensor, Integer> holders = new IdentityHashMap<>();

        GradientHandles(Tensor rootGradient) {
            this.rootGradient = rootGradient;
        }

        Tensor hold(Tensor g) {
            if (g != null) {
                holders.merge(g, 1, Integer::sum);
            }
            return g;
        }

        void drop(Tensor g) {
            if (g == null || g == rootGradient) {
                return;
            }
            Integer count = holders.get(g);
            if (count == null || count <= 1) {
                holders.remove(g);
                g.close();
            } else {
                holders.put(g, count - 1);
            }
        }
    }

    /** Post-order DFS: each node comes after every node it sends gradients to; {@link #run} walks it backwards. */
    static List<Node> topologicalOrder(Node root) {
        List<Node> order = new ArrayList<>();
        Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> stack = new ArrayDeque<>();
        Deque<Integer> childIndex = new ArrayDeque<>();
        stack.push(root);
        childIndex.push(0);
        visited.add(root);
        while (!stack.isEmpty()) {
            Node node = stack.peek();
            int i = childIndex.pop();
            List<Node> next = node.next();
            if (i < next.size()) {
                childIndex.push(i + 1);
                Node child = next.get(i);
                if (child != null && visited.add(child)) {
                    stack.push(child);
                    childIndex.push(0);
                }
            } else {
                stack.pop();
                order.add(node);
            }
        }
        return order;
    }
}
