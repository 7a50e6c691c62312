/** Writing folders so that readers see either the old complete folder or the new complete one. */
package io.mtl4j.files;
