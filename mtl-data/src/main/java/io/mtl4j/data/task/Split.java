package io.mtl4j.data.task;

import java.util.Locale;

/** The splits of a data set. */
public enum Split {
    /** Examples to train on. */
    TRAIN,
    /** Examples to choose checkpoints and hyperparameters with. */
    DEV,
    /** Examples held out for the final evaluation. */
    TEST;

    /** @return the lower-case name used in summaries and messages, e.g. {@code train} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
