package io.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.mtl4j.engine.NoGradient;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * AdamW (Loshchilov &amp; Hutter) with decoupled weight decay, computed exactly as
 * {@code torch.optim.AdamW}: {@code m ← β1 m + (1-β1) g; v ← β2 v + (1-β2) g²;
 * w ← w - lr·λ·w - lr · (m / (1-β1^t)) / (sqrt(v / (1-β2^t)) + ε)}. Weight decay is skipped for
 * parameters the {@code decayed} predicate rejects (by default biases and LayerNorm weights, as BERT
 * fine-tuning does).
 *
 * <p>Holds its moment estimates in native memory; close it when training ends.
 */
public final class AdamW implements AutoCloseable {

    /** Biases and LayerNorm parameters are not decayed. */
    public static final Predicate<String> DEFAULT_DECAYED =
            name -> !(name.endsWith(".bias") || name.endsWith("bias") || name.contains("LayerNorm"));

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final Predicate<String> decayed;
    private final NDManager manager = NDManager.newBaseManager();
    private final Map<String, State> states = new HashMap<>();

    /**
     * @param beta1 first-moment decay, in [0, 1)
     * @param beta2 second-moment decay, in [0, 1)
     * @param epsilon added to the denominator, &gt; 0
     * @param weightDecay decoupled decay λ, &ge; 0
     * @param decayed which parameter names are decayed
     */
    public AdamW(double beta1, double beta2, double epsilon, double weightDecay, Predicate<String> decayed) {
        check("beta1", beta1, beta1 >= 0 && beta1 < 1);
        check("beta2", beta2, beta2 >= 0 && beta2 < 1);
        check("epsilon", epsilon, epsilon > 0);
        check("weightDecay", weightDecay, weightDecay >= 0);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.decayed = decayed;
    }

    /**
     * @param weightDecay decoupled decay
     * @return AdamW with β = (0.9, 0.999), ε = 1e-8 and the default decay rule
     */
    public static AdamW withWeightDecay(double weightDecay) {
        return new AdamW(0.9, 0.999, 1e-8, weightDecay, DEFAULT_DECAYED);
    }

    private static void check(String name, double value, boolean ok) {
        if (!ok) {
            throw new IllegalArgumentException(name + " is out of range: " + value);
        }
    }

    /**
     * Updates one parameter in place.
     *
     * @param name the parameter's name (keys the state and the decay rule)
     * @param parameter the parameter
     * @param gradient its gradient; used as scratch space and left holding garbage (the trainer zeroes
     *     gradients after every step)
     * @param learningRate the learning rate for this step
     */
    public void update(String name, Parameter parameter, NDArray gradient, double learningRate) {
        NDArray weight = parameter.getArray();
        State state = states.computeIfAbsent(name, n -> {
            NDArray m = manager.zeros(weight.getShape(), weight.getDataType());
            NDArray v = manager.zeros(weight.getShape(), weight.getDataType());
            // The caller's step scope must not close the optimizer's state.
            NDScope.unregister(m, v);
            return new State(m, v);
        });
        state.step++;
        double correction1 = 1 - Math.pow(beta1, state.step);
        double correction2 = 1 - Math.pow(beta2, state.step);
        // In-place arithmetic only, using the gradient as scratch space: a fresh tensor as large as the
        // word-embedding table costs more in page faults than the arithmetic itself.
        try (NoGradient noGradient = new NoGradient()) {
            NDArray g = gradient;
            g.muli(1 - beta1);
            state.m.muli(beta1).addi(g);
            g.muli(g).muli((1 - beta2) / ((1 - beta1) * (1 - beta1)));
            state.v.muli(beta2).addi(g);
            if (weightDecay > 0 && decayed.test(name)) {
                weight.muli(1 - learningRate * weightDecay);
            }
            // g = sqrt(v / bc2) + eps, then g = m / g
            g.muli(0).addi(state.v).powi(0.5).divi(Math.sqrt(correction2)).addi(epsilon);
            g.powi(-1).muli(state.m).muli(learningRate / correction1);
            weight.subi(g);
        }
    }

    /**
     * @param name a parameter name
     * @return how many updates it has received
     */
    public int steps(String name) {
        State s = states.get(name);
        return s == null ? 0 : s.step;
    }

    /**
     * Copies the moment estimates to the Java heap, for a checkpoint.
     *
     * @return each updated parameter's moments and update count, by name in a stable order
     */
    public Map<String, Moments> exportState() {
        Map<String, Moments> out = new TreeMap<>();
        states.forEach((name, s) -> out.put(name,
                new Moments(s.m.toFloatArray(), s.v.toFloatArray(), s.m.getShape().getShape(), s.step)));
        return out;
    }

    /**
     * Replaces all moment estimates with exported ones, so training continues exactly where the export
     * was taken.
     *
     * @param moments the state, as returned by {@link #exportState()}
     */
    public void importState(Map<String, Moments> moments) {
        states.values().forEach(s -> {
            s.m.close();
            s.v.close();
        });
        states.clear();
        moments.forEach((name, mo) -> {
            NDArray m = manager.create(mo.m(), new Shape(mo.shape()));
            NDArray v = manager.create(mo.v(), new Shape(mo.shape()));
            NDScope.unregister(m, v);
            State state = new State(m, v);
            state.step = mo.step();
            states.put(name, state);
        });
    }

    /**
     * One parameter's AdamW state on the Java heap.
     *
     * @param m the first moment
     * @param v the second moment
     * @param shape the parameter's shape
     * @param step how many updates it has received
     */
    public record Moments(float[] m, float[] v, long[] shape, int step) {

        /**
         * Checks that both moments fit the shape.
         *
         * @param m the first moment
         * @param v the second moment
         * @param shape the parameter's shape
         * @param step how many updates it has received
         */
        public Moments {
            long size = new Shape(shape).size();
            if (m.length != size || v.length != size) {
                throw new IllegalArgumentException("moments of " + m.length + " and " + v.length
                        + " values do not fit shape " + new Shape(shape));
            }
            if (step < 0) {
                throw new IllegalArgumentException("step must be >= 0, but is: " + step);
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }

    private static final class State {
        final NDArray m;
        final NDArray v;
        int step;

        State(NDArray m, NDArray v) {
            this.m = m;
            this.v = v;
        }
    }
}
