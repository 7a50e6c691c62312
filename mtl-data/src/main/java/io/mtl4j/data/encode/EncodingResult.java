package io.mtl4j.data.encode;

import io.mtl4j.batch.EncodedExample;
import java.util.List;
import java.util.Objects;

/**
 * Encoded examples, in input order, with the report of what their labels lost on the way.
 *
 * @param examples one encoded example per input example
 * @param report the counts to log
 */
public record EncodingResult(List<EncodedExample> examples, EncodingReport report) {

    /**
     * Copies the list.
     *
     * @param examples one encoded example per input example
     * @param report the counts to log
     */
    public EncodingResult {
        examples = List.copyOf(examples);
        Objects.requireNonNull(report, "report");
    }
}
