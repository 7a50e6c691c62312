/**
 * Readers of data-set formats into {@link io.mtl4j.data.LabeledExample}s, and writers of the
 * formats the project produces itself.
 *
 * <p>Readers read line by line and check as they go: every malformed input raises a
 * {@link io.mtl4j.data.read.DataFormatException} whose message starts with {@code file:line} and
 * says what was expected and what was found, before any training starts. Each example's
 * {@link io.mtl4j.data.LabeledExample#origin() origin} is the {@code file:line} it came from.
 *
 * <ul>
 *   <li>{@link io.mtl4j.data.read.JointBertReader}: {@code seq.in}/{@code seq.out}/{@code label}
 *       folders (SNIPS, ATIS);
 *   <li>{@link io.mtl4j.data.read.ConllReader}: CoNLL column files, with optional IOB1 to BIO
 *       conversion;
 *   <li>{@link io.mtl4j.data.read.AclImdbReader}: the Large Movie Review Dataset layout;
 *   <li>{@link io.mtl4j.data.read.DelimitedReader}: CSV and TSV files with a header (SST-2);
 *   <li>{@link io.mtl4j.data.read.JsonlReader} and {@link io.mtl4j.data.read.JsonlWriter}: JSON
 *       Lines with sentence labels and character-span entities;
 *   <li>{@link io.mtl4j.data.read.JointBertWriter}: the JointBERT layout.
 * </ul>
 */
package io.mtl4j.data.read;
