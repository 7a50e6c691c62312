package io.mtl4j.data.read;

import io.mtl4j.data.LabeledExample;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Turns a reader's example-by-example parsing into a lazy, sequential {@link Stream} that closes its files. */
final class ExampleStreams {

    private ExampleStreams() {}

    /**
     * Reads examples one at a time: {@code next} returns the next example or {@code null} at the end.
     * The first call to {@code next} happens only when the stream asks for an element.
     */
    interface Source extends AutoCloseable {

        LabeledExample next();

        @Override
        void close();
    }

    /**
     * Wraps a source into a stream; closing the stream closes the source.
     *
     * @param source the source, now owned by the stream
     * @return an ordered, sequential stream of the source's examples
     */
    static Stream<LabeledExample> of(Source source) {
        Iterator<LabeledExample> iterator = new Iterator<>() {
            private LabeledExample ahead;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (ahead == null && !done) {
                    ahead = source.next();
                    done = ahead == null;
                }
                return ahead != null;
            }

            @Override
            public LabeledExample next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                LabeledExample example = ahead;
                ahead = null;
                return example;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(source::close);
    }
}
