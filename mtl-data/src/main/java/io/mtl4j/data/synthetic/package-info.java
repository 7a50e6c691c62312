/**
 * Made-up data: {@link io.mtl4j.data.synthetic.ExampleDataGenerator} writes a learnable example
 * data set with sentiment labels and entity tags; {@link io.mtl4j.data.synthetic.SyntheticNerLabeller}
 * reproduces the original notebook's random NER tags, a demonstration aid and not real data.
 */
package io.mtl4j.data.synthetic;
