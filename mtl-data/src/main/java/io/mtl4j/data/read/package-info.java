/**
 * Readers of data-set formats into {@link io.mtl4j.data.LabeledExample}s, and writers of the
 * formats the project produces itself.
 *
 * <p>Readers read line by line and check as they go: every malformed input raises a
 * {@link io.mtl4j.data.read.DataFormatException} whose message starts with {@code file:line} and
 * says what was expected and what was found, before any training starts. Each example's
 * {@link io.mtl4j.data.LabeledExample#origin() origin} is the {@code file:line} it came from.
 *
 * <p>Every reader applies the same rules to the bytes it reads:
 *
 * <ul>
 *   <li>UTF-8 only: an undecodable byte is refused at its line, with the byte and its position
 *       ({@code data.tsv:12: expected UTF-8 text, but found the undecodable byte 0xFF at byte 7 of
 *       the line}); nothing is replaced silently;
 *   <li>{@code \r\n} reads exactly as {@code \n}, and a byte order mark at the start of a file is
 *       ignored;
 *   <li>no line may be longer than 1 MiB (1,048,576 bytes, line break excluded): a longer one is
 *       refused with its line number and length, after reading at most 1 MiB of it, so a binary
 *       file or a file without line breaks cannot fill the memory;
 *   <li>a file (or folder) that yields no example at all (empty, only blank lines, a header
 *       without rows) is refused rather than read as an empty data set;
 *   <li>a missing path, a folder where a file is expected and a file where a folder is expected
 *       are refused naming the path ({@code expected a file, but found a folder}).
 * </ul>
 *
 * <p>Whitespace-separated formats (JointBERT, CoNLL) split on runs of spaces and tabs, so their
 * tokens, tags and labels cannot contain either, and a line that seems to hold one is refused by
 * the field count checks; CSV, TSV and JSONL keep labels with inner spaces as they are. The writers
 * write to temporary files renamed into place at the end, so an invalid example leaves no half-written
 * file.
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
