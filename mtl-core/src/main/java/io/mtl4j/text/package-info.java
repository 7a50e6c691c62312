/** Sub-word tokenization with exact character offsets into the original text. */
package io.mtl4j.text;
