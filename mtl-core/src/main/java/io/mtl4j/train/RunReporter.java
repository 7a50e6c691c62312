package io.mtl4j.train;

/**
 * Writes something about a finished training run into its output folder: plots, a model card, a
 * summary for a tracker. The trainer calls it once at the end of every run that has an
 * {@linkplain TrainingConfig#outputDirectory() output folder}, after {@code metrics.json} and the
 * model are written.
 *
 * <p>A reporter is never allowed to fail training: whatever it throws (except a
 * {@link VirtualMachineError}, such as running out of memory) is logged as a warning naming the
 * reporter and the cause, and the trainer returns its result as usual; the saved model is untouched.
 *
 * <p>When the config names no reporter ({@link TrainingConfig.Builder#optReporter}), the trainer
 * uses every implementation registered for {@link java.util.ServiceLoader} in
 * {@code META-INF/services/io.mtl4j.train.RunReporter}, so adding a module such as mtl-report to the
 * class path is enough. {@link #none()} turns reporting off.
 */
@FunctionalInterface
public interface RunReporter {

    /**
     * Reports on a finished run.
     *
     * @param run the run: its output folder, saved model, config and result
     * @throws Exception on any failure; the trainer logs it and carries on
     */
    void report(CompletedRun run) throws Exception;

    /** @return a reporter that does nothing, to turn off the reporters found on the class path */
    static RunReporter none() {
        return NoReporter.INSTANCE;
    }

    /** The reporter of {@link #none()}: a named singleton, so it shows as such in logs and configs. */
    enum NoReporter implements RunReporter {
        /** The only instance. */
        INSTANCE;

        @Override
        public void report(CompletedRun run) {
            // Reporting is off.
        }
    }
}
