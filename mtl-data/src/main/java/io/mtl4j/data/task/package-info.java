/**
 * Data sets for multi-task training: each {@link io.mtl4j.data.task.TaskDataSet} is one corpus
 * (SST-2, CoNLL-2003, ...) with its own splits and the tasks it labels, and
 * {@link io.mtl4j.data.task.TaskDataSets} combines several of them, checking that a task labelled
 * by two corpora means the same kind of label and uses one tag scheme
 * ({@link io.mtl4j.data.task.TagSchemeDetector}, {@link io.mtl4j.data.task.TagSchemeConverter},
 * {@link io.mtl4j.data.task.TagSchemePolicy}).
 */
package io.mtl4j.data.task;
