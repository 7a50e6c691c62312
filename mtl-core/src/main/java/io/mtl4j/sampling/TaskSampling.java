package io.mtl4j.sampling;

import java.util.Locale;

/**
 * How a {@link TaskMixture} picks the data set of each batch. Immutable.
 *
 * <ul>
 *   <li>{@link #proportional()}: {@code p_i ∝ n_i} (every example seen about equally often);
 *   <li>{@link #temperature(double)}: {@code p_i ∝ n_i^(1/T)} (MT-DNN, T5): T = 1 is proportional,
 *       larger T flattens toward uniform, so small data sets are not drowned;
 *   <li>{@link #uniform()}: {@code p_i = 1/K};
 *   <li>{@link #roundRobin()}: data sets in turn, deterministically;
 *   <li>{@link #everyTask()}: every step takes one batch of every data set (what gradient surgery
 *       such as PCGrad needs: all tasks' gradients at the same point).
 * </ul>
 *
 * Sizes {@code n_i} are the data sets' batches per epoch (proportional to examples at equal batch size).
 */
public final class TaskSampling {

    /** The kinds of sampling. */
    public enum Kind {
        /** p ∝ n. */
        PROPORTIONAL,
        /** p ∝ n^(1/T). */
        TEMPERATURE,
        /** p = 1/K. */
        UNIFORM,
        /** In turn. */
        ROUND_ROBIN,
        /** One batch of each data set per step. */
        EVERY_TASK
    }

    private final Kind kind;
    private final double temperature;

    private TaskSampling(Kind kind, double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be > 0 and finite, but is: " + temperature);
        }
        this.kind = kind;
        this.temperature = temperature;
    }

    /** @return proportional to data set size */
    public static TaskSampling proportional() {
        return new TaskSampling(Kind.PROPORTIONAL, 1);
    }

    /**
     * @param temperature T &gt; 0
     * @return {@code p ∝ n^(1/T)}
     * @throws IllegalArgumentException if T is not positive and finite
     */
    public static TaskSampling temperature(double temperature) {
        return new TaskSampling(Kind.TEMPERATURE, temperature);
    }

    /** @return equal probabilities */
    public static TaskSampling uniform() {
        return new TaskSampling(Kind.UNIFORM, 1);
    }

    /** @return data sets in turn */
    public static TaskSampling roundRobin() {
        return new TaskSampling(Kind.ROUND_ROBIN, 1);
    }

    /** @return one batch of every data set in each step */
    public static TaskSampling everyTask() {
        return new TaskSampling(Kind.EVERY_TASK, 1);
    }

    /**
     * Parses {@code proportional}, {@code uniform}, {@code round-robin}, {@code every-task} or
     * {@code temperature:T} (e.g. {@code temperature:2}).
     *
     * @param text the text
     * @return the sampling
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static TaskSampling parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("temperature:")) {
            String value = t.substring("temperature:".length());
            try {
                return temperature(Double.parseDouble(value));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("temperature must be a number, but is: '" + value + "'", e);
            }
        }
        return switch (t) {
            case "proportional" -> proportional();
            case "uniform" -> uniform();
            case "round-robin" -> roundRobin();
            case "every-task" -> everyTask();
            default -> throw new IllegalArgumentException("unknown task sampling '" + text
                    + "'; expected proportional, temperature:<T>, uniform, round-robin or every-task");
        };
    }

    /** @return the kind */
    public Kind kind() {
        return kind;
    }

    /** @return T (1 unless {@link Kind#TEMPERATURE}) */
    public double temperatureValue() {
        return temperature;
    }

    /**
     * The probability of drawing each data set (for the random kinds; for the deterministic ones, the
     * share of batches each gets).
     *
     * @param sizes data set sizes, each &gt; 0
     * @return probabilities summing to 1
     */
    public double[] probabilities(long[] sizes) {
        double[] p = new double[sizes.length];
        double sum = 0;
        for (int i = 0; i < sizes.length; i++) {
            p[i] = switch (kind) {
                case PROPORTIONAL -> sizes[i];
                case TEMPERATURE -> Math.pow(sizes[i], 1 / temperature);
                case UNIFORM, ROUND_ROBIN, EVERY_TASK -> 1;
            };
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskSampling other && kind == other.kind && temperature == other.temperature;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Double.hashCode(temperature);
    }

    /** @return the form {@link #parse} reads */
    @Override
    public String toString() {
        return switch (kind) {
            case TEMPERATURE -> "temperature:" + (temperature == Math.rint(temperature)
                    ? String.valueOf((long) temperature) : String.valueOf(temperature));
            case ROUND_ROBIN -> "round-robin";
            case EVERY_TASK -> "every-task";
            default -> kind.name().toLowerCase(Locale.ROOT);
        };
    }
}
