package io.mtl4j.train;

import io.mtl4j.batch.Batch;
import io.mtl4j.loss.MultiTaskLoss;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.testing.ToyData;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A tiny training run with checkpoints, for the resume tests: in-process through its helpers, or as a
 * separate JVM ({@link #main}) that a test kills with SIGKILL and then starts again with {@code resume}.
 * It prints {@code step N} when N steps are done (as the next step's first batch is fetched).
 */
public final class KillableTraining {

    /** The run's seed (model, shuffling, dropout). */
    static final long SEED = 11;

    private KillableTraining() {
    }

    /**
     * @param args the output folder, then {@code fresh} or {@code resume}
     * @throws Exception if training fails
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        boolean resume = args[1].equals("resume");
        try (MultiTaskModel model = ToyData.model(SEED, false)) {
            MultiTaskTrainer trainer = new MultiTaskTrainer(config(out, 2, 2));
            BatchSource train = source(model, 56, -1, true);
            List<Batch> dev = dev(model);
            TrainingResult result = resume ? trainer.resume(out, model, train, dev) : trainer.fit(model, train, dev);
            System.out.println("done " + result.steps());
        }
    }

    /**
     * @param out the output folder (null for none)
     * @param checkpointEvery checkpoint every N steps (0: off)
     * @param epochs epochs
     * @return the run's config: uncertainty weighting, dropout on, dev evaluation every epoch
     */
    static TrainingConfig config(Path out, int checkpointEvery, int epochs) {
        return TrainingConfig.builder().optLearningRate(3e-3).optHeadLearningRate(1e-2).optWarmupRatio(0.2)
                .optEpochs(epochs).optSeed(SEED).optLoss(MultiTaskLoss.uncertainty()).optProgressBar(false)
                .optLogEverySteps(1).optOutputDirectory(out).optCheckpointEverySteps(checkpointEvery).build();
    }

    /** @return the dev batches */
    static List<Batch> dev(MultiTaskModel model) {
        return ToyData.batches(ToyData.examples(model.encoder().tokenizer(), 16, 2), 8);
    }

    /**
     * Training batches of 8, shuffled per epoch by (seed, epoch).
     *
     * @param model the model (its tokenizer)
     * @param examples how many training examples
     * @param failAtBatch the global batch index whose fetch throws ("the kill"); -1 for none
     * @param print whether to print {@code step N} lines
     * @return the source
     */
    static BatchSource source(MultiTaskModel model, int examples, int failAtBatch, boolean print) {
        List<Batch> batches = ToyData.batches(ToyData.examples(model.encoder().tokenizer(), examples, 1), 8);
        return new BatchSource() {
            private int printed = -1;

            @Override
            public int batchesPerEpoch() {
                return batches.size();
            }

            @Override
            public List<Batch> epoch(int epoch) {
                List<Batch> shuffled = new ArrayList<>(batches);
                Collections.shuffle(shuffled, new Random(SEED * 31 + epoch));
                return new AbstractList<>() {
                    @Override
                    public Batch get(int index) {
                        int global = epoch * batches.size() + index;
                        if (global == failAtBatch) {
                            throw new IllegalStateException("simulated kill before batch " + global);
                        }
                        if (print && global > printed) {
                            printed = global;
                            System.out.println("step " + global);
                            System.out.flush();
                        }
                        return shuffled.get(index);
                    }

                    @Override
                    public int size() {
                        return shuffled.size();
                    }
                };
            }
        };
    }
}
