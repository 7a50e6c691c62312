package io.mtl4j.loss;

/** What the trainer does with the tasks' separate gradients on the shared encoder. */
public enum GradientSurgery {
    /** Gradients are summed as they come (one backward pass per step). */
    NONE,
    /**
     * PCGrad (Yu et al., 2020, "Gradient Surgery for Multi-Task Learning"): each task's encoder gradient
     * is projected onto the normal plane of every other task's gradient it conflicts with (negative
     * dot product), in random order, and the projections are summed. Needs one backward pass per task
     * in a step.
     */
    PCGRAD
}
