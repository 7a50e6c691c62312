/** Label vocabularies and the ignore index shared by collation, losses and decoding. */
package io.mtl4j.label;
