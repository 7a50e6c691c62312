package io.mtl4j.examples;

import io.mtl4j.loss.GradientSurgery;
import io.mtl4j.loss.MultiTaskLoss;
import io.mtl4j.sampling.TaskSampling;
import java.util.List;

/** Parses the sampling and loss options of the transfer examples, with messages naming the option. */
final class StudyOptions {

    /** The accepted {@code --loss} values. */
    static final List<String> LOSSES = List.of("equal", "uncertainty", "pcgrad");

    private StudyOptions() {
    }

    /**
     * @param text e.g. {@code temperature:2}
     * @return the sampling
     * @throws IllegalArgumentException naming the option and the accepted forms
     */
    static TaskSampling sampling(String text) {
        try {
            return TaskSampling.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--sampling: " + e.getMessage(), e);
        }
    }

    /**
     * @param text {@code equal}, {@code uncertainty} or {@code pcgrad} (equal weights with PCGrad)
     * @param sampling the sampling it goes with
     * @return the loss
     * @throws IllegalArgumentException for another value, or {@code pcgrad} without {@code every-task}
     *     sampling (PCGrad needs several tasks in a step; with one data set per batch it would do nothing)
     */
    static MultiTaskLoss loss(String text, TaskSampling sampling) {
        return switch (text) {
            case "equal" -> MultiTaskLoss.equalWeights();
            case "uncertainty" -> MultiTaskLoss.uncertainty();
            case "pcgrad" -> {
                if (sampling.kind() != TaskSampling.Kind.EVERY_TASK) {
                    throw new IllegalArgumentException("--loss pcgrad needs --sampling every-task (PCGrad only acts on"
                            + " steps holding several tasks), but the sampling is: " + sampling);
                }
                yield MultiTaskLoss.equalWeights().withGradientSurgery(GradientSurgery.PCGRAD);
            }
            default -> throw new IllegalArgumentException("--loss must be one of " + LOSSES + ", but is: " + text);
        };
    }

    /**
     * A multi-task setting written {@code sampling+loss}, e.g. {@code temperature:2+equal}.
     *
     * @param name the setting's name
     * @param sampling its sampling
     * @param loss its loss
     */
    record Setting(String name, TaskSampling sampling, MultiTaskLoss loss) {

        /**
         * @param text {@code sampling+loss}
         * @return the setting
         * @throws IllegalArgumentException naming the bad part
         */
        static Setting parse(String text) {
            int plus = text.lastIndexOf('+');
            if (plus < 1 || plus == text.length() - 1) {
                throw new IllegalArgumentException("a setting must be written sampling+loss, e.g. temperature:2+equal,"
                        + " but is: '" + text + "'");
            }
            TaskSampling sampling = StudyOptions.sampling(text.substring(0, plus));
            String loss = text.substring(plus + 1);
            return new Setting(sampling + "+" + loss, sampling, StudyOptions.loss(loss, sampling));
        }
    }
}
