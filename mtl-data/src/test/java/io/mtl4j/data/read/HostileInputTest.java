package io.mtl4j.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.data.LabeledExample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile input against every reader: each case runs on each format it applies to, and bad input
 * must end in a {@link DataFormatException} naming the file (and line) with the exact problem, never
 * in another exception, silent loss or a different reading of good data.
 */
class HostileInputTest {

    private static final int TEN_MB = 10 * 1024 * 1024;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path root;

    /** One reader and a small valid data set in its format. */
    enum Format {
        JOINT_BERT("seq.in", Map.of(
                "seq.in", "play some jazz\nbook a table\n",
                "seq.out", "O O B-genre\nO O O\n",
                "label", "PlayMusic\nBookRestaurant\n")) {
            @Override
            List<LabeledExample> read(Path dir) {
                return JointBertReader.builder().build().read(dir);
            }
        },
        CONLL("train.txt", Map.of("train.txt", "play O\njazz B-genre\n\nbook O\ntable O\n")) {
            @Override
            List<LabeledExample> read(Path dir) {
                return ConllReader.builder().build().read(dir.resolve(mainFile()));
            }
        },
        TSV("train.tsv", Map.of("train.tsv", "sentence\tlabel\nplay some jazz\tPlayMusic\nbook a table\tBookRestaurant\n")) {
            @Override
            List<LabeledExample> read(Path dir) {
                return DelimitedReader.builder().optFormat(DelimitedReader.Format.TSV).setTextColumn("sentence")
                        .addLabelColumn("intent", "label").build().read(dir.resolve(mainFile()));
            }
        },
        CSV("train.csv", Map.of("train.csv", "sentence,label\n\"play, some jazz\",PlayMusic\nbook a table,BookRestaurant\n")) {
            @Override
            List<LabeledExample> read(Path dir) {
                return DelimitedReader.builder().setTextColumn("sentence").addLabelColumn("intent", "label").build()
                        .read(dir.resolve(mainFile()));
            }
        },
        JSONL("train.jsonl", Map.of("train.jsonl", "{\"text\": \"play some jazz\", \"labels\": {\"intent\": \"PlayMusic\"}}\n"
                + "{\"text\": \"book a table\", \"labels\": {\"intent\": \"BookRestaurant\"}}\n")) {
            @Override
            List<LabeledExample> read(Path dir) {
                return new JsonlReader().read(dir.resolve(mainFile()));
            }
        },
        ACL_IMDB("train/pos/1_9.txt", Map.of(
                "train/pos/1_9.txt", "A fine film.<br /><br />Loved it.\nTruly.\n",
                "train/neg/2_1.txt", "Dull.\n")) {
            @Override
            List<LabeledExample> read(Path dir) {
                return AclImdbReader.builder().build().read(dir, AclImdbReader.Split.TRAIN);
            }
        };

        private final String mainFile;
        private final Map<String, String> sample;

        Format(String mainFile, Map<String, String> sample) {
            this.mainFile = mainFile;
            this.sample = sample;
        }

        /** @return the file, relative to the data set folder, that holds the texts */
        String mainFile() {
            return mainFile;
        }

        /** @return the line of {@link #mainFile()} holding the first example */
        int firstDataLine() {
            return this == TSV || this == CSV ? 2 : 1;
        }

        /**
         * Reads the data set.
         *
         * @param dir the data set folder, where {@link #sample} was written
         * @return the examples
         */
        abstract List<LabeledExample> read(Path dir);
    }

    /** Writes a format's sample into {@code root/name}, each file's bytes passed through {@code bytes}. */
    private Path write(String name, Format format, UnaryOperator<byte[]> bytes) throws IOException {
        Path dir = root.resolve(name);
        for (Map.Entry<String, String> e : format.sample.entrySet()) {
            Path file = dir.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, bytes.apply(e.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        return dir;
    }

    private Path write(Format format) throws IOException {
        return write("data", format, UnaryOperator.identity());
    }

    /** Replaces line {@code number} (1-based) of a file's text by {@code line}. */
    private static void replaceLine(Path file, int number, byte[] line) throws IOException {
        String[] lines = Files.readString(file).split("\n", -1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines.length; i++) {
            out.writeBytes(i == number - 1 ? line : lines[i].getBytes(StandardCharsets.UTF_8));
            if (i < lines.length - 1) {
                out.write('\n');
            }
        }
        Files.write(file, out.toByteArray());
    }

    /** The examples with the data set folder cut from their origins, to compare two copies. */
    private static List<LabeledExample> relative(List<LabeledExample> examples, Path dir) {
        return examples.stream().map(e -> new LabeledExample(e.origin().replace(dir.toString(), "<dir>"), e.text(),
                e.words(), e.sentenceLabels(), e.wordTags(), e.entities())).toList();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void emptyFileIsRefused(Format format) throws IOException {
        Path dir = write(format);
        Path file = dir.resolve(format.mainFile());
        Files.write(file, new byte[0]);

        String expected = switch (format) {
            case JOINT_BERT -> "expected at least one line of tokens, but found an empty file";
            case CONLL -> "expected at least one sentence, but found an empty file";
            case TSV, CSV -> "expected a header row, but found an empty file";
            case JSONL -> "expected at least one JSON object, but found an empty file";
            case ACL_IMDB -> "expected the text of a review, but found an empty file";
        };
        assertThatThrownBy(() -> format.read(dir))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + ": " + expected);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void onlyBlankLinesAreRefused(Format format) throws IOException {
        Path dir = write(format);
        Path file = dir.resolve(format.mainFile());
        Files.writeString(file, "\n   \n\r\n\n");

        String expected = switch (format) {
            case JOINT_BERT -> ":1: expected at least one token, but found a blank line";
            case CONLL -> ": expected at least one sentence, but found only blank lines";
            case TSV, CSV -> ": expected a header row, but found only blank lines";
            case JSONL -> ": expected at least one JSON object, but found only blank lines";
            case ACL_IMDB -> ": expected the text of a review, but found only whitespace and line breaks";
        };
        assertThatThrownBy(() -> format.read(dir))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + expected);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void crlfLineEndsReadExactlyLikeLf(Format format) throws IOException {
        Path lf = write("lf", format, UnaryOperator.identity());
        Path crlf = write("crlf", format, b -> new String(b, StandardCharsets.UTF_8).replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(crlf.resolve(format.mainFile()))).contains("\r\n");

        List<LabeledExample> expected = relative(format.read(lf), lf);

        assertThat(expected).hasSize(2);
        assertThat(relative(format.read(crlf), crlf)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void byteOrderMarkIsIgnored(Format format) throws IOException {
        Path plain = write("plain", format, UnaryOperator.identity());
        Path bom = write("bom", format, b -> {
            byte[] out = Arrays.copyOf(BOM, BOM.length + b.length);
            System.arraycopy(b, 0, out, BOM.length, b.length);
            return out;
        });
        assertThat(Files.readAllBytes(bom.resolve(format.mainFile()))).startsWith(BOM);

        List<LabeledExample> read = format.read(bom);

        assertThat(relative(read, bom)).isEqualTo(relative(format.read(plain), plain));
        LabeledExample first = read.get(0);
        assertThat(first.text()).doesNotContain("\uFEFF").startsWith(format == Format.ACL_IMDB ? "A" : "play");
        assertThat(first.sentenceLabels().values()).allSatisfy(label -> assertThat(label).doesNotContain("\uFEFF"));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void invalidUtf8IsRefusedAtItsLineWithTheByte(Format format) throws IOException {
        Path dir = write(format);
        Path file = dir.resolve(format.mainFile());
        int number = format.firstDataLine() + 1;
        String line = Files.readString(file).split("\n")[number - 1];
        byte[] bad = ("x" + line).getBytes(StandardCharsets.UTF_8);
        bad[1] = (byte) 0xFF;
        replaceLine(file, number, bad);

        assertThatThrownBy(() -> format.read(dir))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":" + number + ": expected UTF-8 text, but found the undecodable byte 0xFF at byte 2"
                        + " of the line");
    }

    @Test
    void truncatedMultiByteCharacterNamesItsBytes() throws IOException {
        Path file = root.resolve("cut.jsonl");
        // "é" is C3 A9; a line cut after C3 leaves a lone lead byte; E2 82 is "€" (E2 82 AC) without its last byte.
        Files.write(file, new byte[] {'{', '"', (byte) 0xE2, (byte) 0x82, '\n'});

        assertThatThrownBy(() -> new JsonlReader().read(file))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":1: expected UTF-8 text, but found the undecodable bytes 0xE2 0x82 at byte 3 of the line");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    @Timeout(10)
    void tenMegabyteLineIsRefusedWithItsLength(Format format) throws IOException {
        Path dir = write(format);
        Path file = dir.resolve(format.mainFile());
        byte[] line = new byte[TEN_MB];
        Arrays.fill(line, (byte) 'a');
        replaceLine(file, format.firstDataLine(), line);

        assertThatThrownBy(() -> format.read(dir))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":" + format.firstDataLine() + ": expected a line of at most 1048576 bytes, but found"
                        + " one of 10485760 bytes");
    }

    @Test
    void lineOfExactlyTheLimitIsReadAndOneByteMoreIsNot() throws IOException {
        Path file = root.resolve("long.txt");
        String word = "a".repeat(LineReader.MAX_LINE_BYTES - 2);
        Files.writeString(file, word + " O\r\nb O\r\n");

        List<LabeledExample> examples = ConllReader.builder().build().read(file);

        assertThat(examples).hasSize(1);
        assertThat(examples.get(0).words().get(0).text()).isEqualTo(word);
        Files.writeString(file, "b O\n" + word + "a O\n");
        assertThatThrownBy(() -> ConllReader.builder().build().read(file))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":2: expected a line of at most 1048576 bytes, but found one of 1048577 bytes");
    }

    @Test
    void jointBertTabSeparatesTokensLikeASpace() throws IOException {
        Path dir = write(Format.JOINT_BERT);
        Path tabs = write("tabs", Format.JOINT_BERT, UnaryOperator.identity());
        Files.writeString(tabs.resolve("seq.in"), "play\tsome \t jazz\nbook a\ttable\n");

        assertThat(relative(Format.JOINT_BERT.read(tabs), tabs)).isEqualTo(relative(Format.JOINT_BERT.read(dir), dir));
        Files.writeString(tabs.resolve("seq.out"), "O O\tB-genre\nO O\tO O\n");
        assertThatThrownBy(() -> Format.JOINT_BERT.read(tabs))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(tabs.resolve("seq.out") + ":2: expected 3 tags, one per token of " + tabs.resolve("seq.in")
                        + ":2, but found 4");
    }

    @Test
    void conllColumnsMayMixTabsAndSpacesButAWordCannotHoldEither() throws IOException {
        Path file = root.resolve("train.txt");
        Files.writeString(file, "play\tO\njazz   B-genre\n");
        assertThat(ConllReader.builder().build().read(file).get(0).wordTags())
                .isEqualTo(Map.of("ner", List.of("O", "B-genre")));

        Files.writeString(file, "visit O\nNew York\tB-LOC\n");
        assertThatThrownBy(() -> ConllReader.builder().build().read(file))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":2: expected 2 columns as on line 1, but found 3: [New, York, B-LOC] (columns are "
                        + "separated by spaces or tabs, so a word or tag cannot contain one)");
    }

    @Test
    void tsvTabInsideATextIsAnExtraValueButCsvKeepsIt() throws IOException {
        Path tsv = root.resolve("train.tsv");
        Files.writeString(tsv, "sentence\tlabel\nplay\tsome jazz\tPlayMusic\n");
        assertThatThrownBy(() -> Format.TSV.read(root))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(tsv + ":2: expected 2 values as in the header [sentence, label], but found 3: "
                        + "[play, some jazz, PlayMusic]");

        Files.writeString(root.resolve("train.csv"), "sentence,label\nplay\tsome jazz,PlayMusic\n");
        assertThat(Format.CSV.read(root).get(0).text()).isEqualTo("play\tsome jazz");
    }

    @Test
    void jsonlKeepsAnEscapedTabAndRefusesARawOne() throws IOException {
        Path file = root.resolve("train.jsonl");
        Files.writeString(file, "{\"text\": \"play\\tjazz\"}\n");
        assertThat(Format.JSONL.read(root).get(0).text()).isEqualTo("play\tjazz");

        Files.writeString(file, "{\"text\": \"play\tjazz\"}\n");
        assertThatThrownBy(() -> Format.JSONL.read(root))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":1: expected a JSON object, but found invalid JSON (Illegal unquoted character "
                        + "((CTRL-CHAR, code 9)): has to be escaped using backslash to be included in string value)");
    }

    @Test
    void aclImdbTabIsWhitespace() throws IOException {
        Path dir = write(Format.ACL_IMDB);
        Files.writeString(dir.resolve(Format.ACL_IMDB.mainFile()), "Great\t\tfilm.");
        assertThat(Format.ACL_IMDB.read(dir).get(0).text()).isEqualTo("Great film.");
    }

    @Test
    void labelsWithSpacesAreKeptWhereTheFormatCanHoldThemAndRefusedWhereItCannot() throws IOException {
        Path jointBert = write(Format.JOINT_BERT);
        Files.writeString(jointBert.resolve("label"), "Play Music\nBookRestaurant\n");
        assertThatThrownBy(() -> Format.JOINT_BERT.read(jointBert))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(jointBert.resolve("label") + ":1: expected one label, but found 2 fields in 'Play Music' "
                        + "(labels cannot contain spaces or tabs)");

        Path conll = root.resolve("train.txt");
        Files.writeString(conll, "play O\njazz B-music genre\n");
        assertThatThrownBy(() -> Format.CONLL.read(root))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(conll + ":2: expected 2 columns as on line 1, but found 3: [jazz, B-music, genre] (columns "
                        + "are separated by spaces or tabs, so a word or tag cannot contain one)");

        Files.writeString(root.resolve("train.tsv"), "sentence\tlabel\nplay some jazz\t Play Music \n");
        assertThat(Format.TSV.read(root).get(0).sentenceLabels()).isEqualTo(Map.of("intent", "Play Music"));
        Files.writeString(root.resolve("train.csv"), "sentence,label\nplay some jazz,\"Play Music\"\n");
        assertThat(Format.CSV.read(root).get(0).sentenceLabels()).isEqualTo(Map.of("intent", "Play Music"));
        Path jsonl = root.resolve("train.jsonl");
        Files.writeString(jsonl, "{\"text\": \"play jazz\", \"labels\": {\"intent\": \"Play Music\"}}\n");
        assertThat(Format.JSONL.read(root).get(0).sentenceLabels()).isEqualTo(Map.of("intent", "Play Music"));

        Files.writeString(jsonl, "{\"text\": \"play jazz\", \"labels\": {\"intent\": \"  \"}}\n");
        assertThatThrownBy(() -> Format.JSONL.read(root))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(jsonl + ":1: expected a non-blank string field 'labels.intent', but found '  '");
        Files.writeString(jsonl, "{\"text\": \"play jazz\", \"entities\": {\"ner\": [{\"start\": 0, \"end\": 4, \"label\": \"\"}]}}\n");
        assertThatThrownBy(() -> Format.JSONL.read(root))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(jsonl + ":1: expected a non-blank string field 'entities.ner[0].label', but found ''");
        Files.writeString(jsonl, "{\"text\": \" \"}\n");
        assertThatThrownBy(() -> Format.JSONL.read(root))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(jsonl + ":1: expected a non-blank string field 'text', but found ' '");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"JOINT_BERT", "CONLL", "TSV", "CSV", "JSONL"})
    void mismatchedCountsNameFileLineAndBothCounts(Format format) throws IOException {
        Path dir = write(format);
        Path file = dir.resolve(format == Format.JOINT_BERT ? "seq.out" : format.mainFile());
        String line = switch (format) {
            case JOINT_BERT -> "O B-genre";
            case CONLL -> "jazz B-genre O";
            case TSV -> "play some jazz\tPlayMusic\textra";
            case CSV -> "play some jazz";
            case JSONL -> "{\"text\": \"play some jazz\", \"entities\": {\"ner\": [{\"start\": 10, \"end\": 15, \"label\": \"genre\"}]}}";
            case ACL_IMDB -> throw new IllegalStateException();
        };
        replaceLine(file, format.firstDataLine() + (format == Format.CONLL ? 1 : 0), line.getBytes(StandardCharsets.UTF_8));

        String expected = switch (format) {
            case JOINT_BERT -> file + ":1: expected 3 tags, one per token of " + dir.resolve("seq.in") + ":1, but found 2";
            case CONLL -> file + ":2: expected 2 columns as on line 1, but found 3: [jazz, B-genre, O] (columns are "
                    + "separated by spaces or tabs, so a word or tag cannot contain one)";
            case TSV -> file + ":2: expected 2 values as in the header [sentence, label], but found 3: "
                    + "[play some jazz, PlayMusic, extra]";
            case CSV -> file + ":2: expected 2 values as in the header [sentence, label], but found 1: [play some jazz]";
            case JSONL -> file + ":1: expected field 'entities.ner[0]' to satisfy 0 <= start < end <= 14 (the text "
                    + "length), but found start 10, end 15";
            case ACL_IMDB -> throw new IllegalStateException();
        };
        assertThatThrownBy(() -> format.read(dir))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(expected);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void missingInputNamesThePath(Format format) {
        Path missing = root.resolve("missing");
        Path input = format == Format.JOINT_BERT || format == Format.ACL_IMDB ? missing : missing.resolve(format.mainFile());

        String expected = switch (format) {
            case JOINT_BERT -> "expected a JointBERT folder (seq.in, seq.out, label), but found none";
            case ACL_IMDB -> "expected the aclImdb folder, but found none";
            default -> "expected a file, but found none";
        };
        assertThatThrownBy(() -> format.read(missing))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(input + ": " + expected);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void folderWhereAFileIsExpectedIsRefused(Format format) throws IOException {
        Path dir = write(format);
        Path file = dir.resolve(format.mainFile());
        Files.delete(file);
        Files.createDirectory(file);

        assertThatThrownBy(() -> format.read(dir))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + ": expected a file, but found a folder");
    }

    @Test
    void optionalJointBertFileThatIsAFolderIsRefusedNotIgnored() throws IOException {
        Path dir = write(Format.JOINT_BERT);
        Files.delete(dir.resolve("seq.out"));
        Files.createDirectory(dir.resolve("seq.out"));

        assertThatThrownBy(() -> Format.JOINT_BERT.read(dir))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(dir.resolve("seq.out") + ": expected a file, but found a folder");
    }

    @Test
    void fileWhereAFolderIsExpectedIsRefused() throws IOException {
        Path file = Files.writeString(root.resolve("file"), "play some jazz\n");
        assertThatThrownBy(() -> Format.JOINT_BERT.read(file))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + ": expected a JointBERT folder (seq.in, seq.out, label), but found a file");
        assertThatThrownBy(() -> Format.ACL_IMDB.read(file))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + ": expected the aclImdb folder, but found a file");

        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("train", "a folder of the 'train' split");
        cases.put("train/neg", "a folder of 'neg' reviews");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path dir = write(c.getKey().replace('/', '-'), Format.ACL_IMDB, UnaryOperator.identity());
            Path replaced = dir.resolve(c.getKey());
            deleteTree(replaced);
            Files.writeString(replaced, "not a folder");
            assertThatThrownBy(() -> Format.ACL_IMDB.read(dir))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessage(replaced + ": expected " + c.getValue() + ", but found a file");
        }
    }

    @Test
    void emptyAclImdbClassFolderIsRefused() throws IOException {
        Path dir = write(Format.ACL_IMDB);
        Files.delete(dir.resolve("train/neg/2_1.txt"));

        assertThatThrownBy(() -> Format.ACL_IMDB.read(dir))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(dir.resolve("train/neg") + ": expected review files ID_RATING.txt, but found an empty folder");
    }

    @Test
    void headerWithoutRowsAndDocstartWithoutSentencesAreRefused() throws IOException {
        Path tsv = Files.writeString(root.resolve("train.tsv"), "sentence\tlabel\n\n");
        assertThatThrownBy(() -> Format.TSV.read(root))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(tsv + ": expected at least one row after the header on line 1, but found none");
        Path conll = Files.writeString(root.resolve("train.txt"), "-DOCSTART- -X- -X- O\n\n");
        assertThatThrownBy(() -> Format.CONLL.read(root))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(conll + ": expected at least one sentence, but found only -DOCSTART- and blank lines");
    }

    @Test
    void jsonlWriterFailingHalfWayLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = Files.writeString(root.resolve("out.jsonl"), "old\n");
        List<LabeledExample> examples = List.of(
                LabeledExample.ofWords("t:1", List.of("in", "Rome"), Map.of(), Map.of("ner", List.of("O", "B-LOC"))),
                LabeledExample.ofWords("t:2", List.of("in", "Oslo"), Map.of(), Map.of("ner", List.of("O", "LOC"))));

        assertThatThrownBy(() -> JsonlWriter.write(file, examples))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("t:2: expected a BIO tag (O, B-<type> or I-<type>) for word 1 of task 'ner', but found 'LOC'");
        assertThat(Files.readString(file)).isEqualTo("old\n");
        try (var files = Files.list(root)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void jointBertWriterFailingHalfWayLeavesTheOldFilesAndNoTemporaryFile() throws IOException {
        Path dir = write(Format.JOINT_BERT);
        List<LabeledExample> examples = List.of(
                LabeledExample.ofWords("t:1", List.of("hi"), Map.of("intent", "Greet"), Map.of("slots", List.of("O"))),
                LabeledExample.ofWords("t:2", List.of("bye"), Map.of("intent", "Say Bye"), Map.of("slots", List.of("O"))));

        assertThatThrownBy(() -> JointBertWriter.write(dir, examples, "intent", "slots"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("t:2: expected fields without whitespace, but found 'Say Bye'");
        for (Map.Entry<String, String> e : Format.JOINT_BERT.sample.entrySet()) {
            assertThat(Files.readString(dir.resolve(e.getKey()))).isEqualTo(e.getValue());
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("seq.in", "seq.out", "label");
        }
    }

    private static void deleteTree(Path path) throws IOException {
        try (var paths = Files.walk(path)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
