package io.mtl4j.encoder.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@code .safetensors} files (the format of Hugging Face {@code model.safetensors})
 * as maps from tensor name to array.
 *
 * <p>The whole file passes through one {@code byte[]}, so files must be smaller than 2 GB.
 *
 * <p>Before any array is created the layout is checked in Java: the header length against the file
 * size, the header as JSON, and every tensor's dtype, shape and data offsets against each other and
 * against the end of the file. A truncated or corrupt file is refused with an
 * {@link IllegalArgumentException} saying what does not fit, never handed to the native engine.
 */
public final class SafetensorsFile {

    /** The largest file a Java array can hold. */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    /** Bytes per element of the dtypes whose data size is checked; others are left to DJL. */
    private static final Map<String, Integer> DTYPE_BYTES = Map.of(
            "F64", 8, "F32", 4, "F16", 2, "BF16", 2, "I64", 8, "I32", 4, "I16", 2, "I8", 1, "U8", 1, "BOOL", 1);

    private SafetensorsFile() {
    }

    /**
     * Reads every tensor of a safetensors file.
     *
     * @param manager the owner of the returned arrays; the caller closes it
     * @param file the file
     * @return the arrays by name, in file order
     * @throws UncheckedIOException naming the file if it cannot be read
     * @throws IllegalArgumentException naming the file if it is not a valid safetensors file
     */
    public static Map<String, NDArray> read(NDManager manager, Path file) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(file + ": is " + size + " bytes; safetensors files of more than "
                        + MAX_FILE_BYTES + " bytes are not supported");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read safetensors file " + file, e);
        }
        try {
            return decode(manager, bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decodes the bytes of a safetensors file.
     *
     * @param manager the owner of the returned arrays; the caller closes it
     * @param bytes the file's content
     * @return the arrays by name, in the order of their data in the file
     * @throws IllegalArgumentException if the bytes are not a safetensors file
     */
    public static Map<String, NDArray> decode(NDManager manager, byte[] bytes) {
        List<String> names = checkLayout(bytes);
        NDList list;
        try {
            list = NDList.decode(manager, bytes);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a valid safetensors file: " + e.getMessage(), e);
        }
        Map<String, NDArray> byName = new HashMap<>();
        for (NDArray array : list) {
            String name = array.getName();
            if (name == null || byName.put(name, array) != null) {
                list.close();
                throw new IllegalArgumentException("tensor without a unique name in safetensors file: " + name);
            }
        }
        Map<String, NDArray> inFileOrder = new LinkedHashMap<>();
        for (String name : names) {
            NDArray array = byName.remove(name);
            if (array != null) {
                inFileOrder.put(name, array);
            }
        }
        inFileOrder.putAll(byName);
        return Collections.unmodifiableMap(inFileOrder);
    }

    /**
     * Checks the layout of a safetensors file: an 8-byte little-endian header length, a JSON object
     * of that length, and tensors whose data offsets lie inside the rest and match dtype and shape.
     *
     * @return the tensor names, ordered by where their data starts
     */
    private static List<String> checkLayout(byte[] bytes) {
        if (bytes.length < 8) {
            throw new IllegalArgumentException("truncated or not a safetensors file: it has " + bytes.length
                    + " bytes, fewer than the 8 of the header length");
        }
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 0 || headerLength > bytes.length - 8) {
            throw new IllegalArgumentException("truncated: the header length is " + Long.toUnsignedString(headerLength)
                    + " bytes, but only " + (bytes.length - 8) + " bytes follow the 8 bytes of the length");
        }
        if (headerLength < 2 || bytes[8] != '{') {
            throw new IllegalArgumentException("not a safetensors file: its header does not start with a JSON object");
        }
        JsonNode header;
        try {
            header = new ObjectMapper().readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid safetensors file: its header is not valid JSON ("
                    + e.getOriginalMessage() + ")", e);
        }
        if (header == null || !header.isObject()) {
            throw new IllegalArgumentException("not a safetensors file: its header is not a JSON object");
        }
        long dataLength = bytes.length - 8 - headerLength;
        Map<String, Long> starts = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("__metadata__")) {
                starts.put(e.getKey(), checkTensor(e.getKey(), e.getValue(), dataLength));
            }
        }
        List<String> names = new ArrayList<>(starts.keySet());
        names.sort(Comparator.comparingLong(starts::get));
        return names;
    }

    /** Checks one tensor's entry of the header and returns where its data starts. */
    private static long checkTensor(String name, JsonNode entry, long dataLength) {
        String prefix = "not a valid safetensors file: tensor '" + name + "' ";
        JsonNode dtype = entry.get("dtype");
        JsonNode shape = entry.get("shape");
        JsonNode offsets = entry.get("data_offsets");
        if (dtype == null || !dtype.isTextual() || shape == null || !shape.isArray() || offsets == null
                || !offsets.isArray() || offsets.size() != 2) {
            throw new IllegalArgumentException(prefix + "needs a dtype, a shape and two data_offsets, but has: " + entry);
        }
        long elements = 1;
        for (JsonNode d : shape) {
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.longValue() < 0) {
                throw new IllegalArgumentException(prefix + "has an invalid shape: " + shape);
            }
            elements = elements > 0 && d.longValue() > Long.MAX_VALUE / elements ? -1 : elements * d.longValue();
            if (elements < 0) {
                throw new IllegalArgumentException(prefix + "has a shape too large for a file: " + shape);
            }
        }
        JsonNode begin = offsets.get(0);
        JsonNode end = offsets.get(1);
        if (!begin.isIntegralNumber() || !end.isIntegralNumber() || !begin.canConvertToLong() || !end.canConvertToLong()
                || begin.longValue() < 0 || end.longValue() < begin.longValue()) {
            throw new IllegalArgumentException(prefix + "has invalid data offsets " + offsets);
        }
        if (end.longValue() > dataLength) {
            throw new IllegalArgumentException("truncated: tensor '" + name + "' has data offsets " + offsets
                    + " beyond the end of the data (" + dataLength + " bytes)");
        }
        Integer size = DTYPE_BYTES.get(dtype.asText());
        long held = end.longValue() - begin.longValue();
        if (size != null && (elements > held || elements * size != held)) {
            throw new IllegalArgumentException(prefix + "has dtype " + dtype.asText() + " and shape " + shape + ", "
                    + elements + " values of " + size + " bytes, but its data offsets " + offsets + " hold " + held
                    + " bytes");
        }
        return begin.longValue();
    }

    /**
     * Encodes arrays as a safetensors file, each named by its key (the arrays' own names are left
     * unchanged).
     *
     * @param tensors the arrays by name, written in iteration order
     * @return the file's content
     */
    public static byte[] encode(Map<String, NDArray> tensors) {
        NDList list = new NDList(tensors.size());
        List<String> originalNames = new ArrayList<>(tensors.size());
        try {
            for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
                NDArray array = e.getValue();
                originalNames.add(array.getName());
                list.add(array);
                array.setName(e.getKey());
            }
            return list.encode(NDList.Encoding.SAFETENSORS);
        } finally {
            for (int i = 0; i < originalNames.size(); i++) {
                list.get(i).setName(originalNames.get(i));
            }
        }
    }

    /**
     * Encodes float32 tensors as a safetensors file the way Hugging Face's {@code safetensors} library
     * does: dtype {@code F32}, little-endian values, data in iteration order with contiguous offsets,
     * the header padded with spaces to a multiple of 8 bytes, and the given {@code __metadata__}.
     *
     * @param tensors the tensors by name, written in iteration order
     * @param metadata the string-to-string {@code __metadata__} (e.g. {@code {"format": "pt"}}); omitted
     *     when empty
     * @return the file's content
     * @throws IllegalArgumentException if a name is {@code __metadata__} or the file would exceed 2 GB
     */
    public static byte[] encodeFloat32(Map<String, FloatTensor> tensors, Map<String, String> metadata) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = json.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, FloatTensor> e : tensors.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException("a tensor must not be named __metadata__");
            }
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", "F32");
            ArrayNode shape = entry.putArray("shape");
            for (long d : e.getValue().shape()) {
                shape.add(d);
            }
            long end = offset + 4L * e.getValue().data().length;
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] headerBytes;
        try {
            headerBytes = json.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int padded = (headerBytes.length + 7) / 8 * 8;
        long total = 8L + padded + offset;
        if (total > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("the tensors need " + total + " bytes; safetensors files of more than "
                    + MAX_FILE_BYTES + " bytes are not supported");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(headerBytes);
        for (int i = headerBytes.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (FloatTensor t : tensors.values()) {
            out.asFloatBuffer().put(t.data());
            out.position(out.position() + 4 * t.data().length);
        }
        return out.array();
    }

    /**
     * Writes float32 tensors to a safetensors file; see {@link #encodeFloat32(Map, Map)}.
     *
     * @param file the target, replaced if it exists
     * @param tensors the tensors by name, written in iteration order
     * @param metadata the {@code __metadata__}; omitted when empty
     * @throws IOException if writing fails
     */
    public static void writeFloat32(Path file, Map<String, FloatTensor> tensors, Map<String, String> metadata)
            throws IOException {
        Files.write(file, encodeFloat32(tensors, metadata));
    }

    /**
     * Writes arrays to a safetensors file, each named by its key.
     *
     * @param file the target, replaced if it exists
     * @param tensors the arrays by name, written in iteration order
     * @throws IOException if writing fails
     */
    public static void write(Path file, Map<String, NDArray> tensors) throws IOException {
        Files.write(file, encode(tensors));
    }
}
