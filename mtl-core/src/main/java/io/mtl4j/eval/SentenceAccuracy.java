package io.mtl4j.eval;

/**
 * Share of examples on which every task is right at once (JointBERT's "sentence accuracy": the
 * intent is correct and every slot tag is correct).
 *
 * <p>A mutable accumulator for one evaluation run; not thread-safe. The caller decides what
 * "correct" means for each example and task and passes the conjunction to {@link #add(boolean)}.
 */
public final class SentenceAccuracy {

    private long correct;
    private long count;

    /** Creates an empty accumulator. */
    public SentenceAccuracy() {
    }

    /**
     * Records one example.
     *
     * @param allTasksCorrect whether every task's prediction for the example is entirely correct
     */
    public void add(boolean allTasksCorrect) {
        count++;
        if (allTasksCorrect) {
            correct++;
        }
    }

    /** @return the number of examples recorded */
    public long count() {
        return count;
    }

    /** @return the number of examples on which every task was right */
    public long correct() {
        return correct;
    }

    /** @return {@code correct() / count()}, or 0 when nothing was recorded */
    public double value() {
        return count == 0 ? 0.0 : (double) correct / count;
    }
}
