/**
 * Evaluation of task predictions, measured as each field measures them.
 *
 * <ul>
 *   <li>Entities (NER, slots): exact span precision, recall and F1 with CoNLL semantics
 *       ({@link io.mtl4j.eval.EntityExtractor}, {@link io.mtl4j.eval.EntityEvaluator}); token accuracy
 *       is reported but is not the headline.
 *   <li>Sentence classification: accuracy and macro-F1 with a confusion matrix
 *       ({@link io.mtl4j.eval.ClassificationEvaluator}).
 *   <li>Across tasks: the share of examples on which every task is right
 *       ({@link io.mtl4j.eval.SentenceAccuracy}).
 * </ul>
 *
 * <p>Everything here is plain Java (no engine, no tensors): evaluators accumulate label strings and
 * produce immutable {@link io.mtl4j.eval.TaskEvaluation} results.
 */
package io.mtl4j.eval;
