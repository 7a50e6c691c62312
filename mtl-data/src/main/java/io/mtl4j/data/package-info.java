/** Examples as read from data sets, before tokenization. */
package io.mtl4j.data;
