package io.mtl4j.encoder.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@code .safetensors} files (the format of Hugging Face {@code model.safetensors})
 * as maps from tensor name to array.
 *
 * <p>The whole file passes through one {@code byte[]}, so files must be smaller than 2 GB.
 */
public final class SafetensorsFile {

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
        if (bytes.length < 9 || bytes[8] != '{') {
            throw new IllegalArgumentException("not a safetensors file: its header does not start with a JSON object");
        }
        NDList list;
        try {
            list = NDList.decode(manager, bytes);
        } catch (IllegalArgumentException | IllegalStateException e) {
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
        for (String name : namesInFileOrder(bytes)) {
            NDArray array = byName.remove(name);
            if (array != null) {
                inFileOrder.put(name, array);
            }
        }
        inFileOrder.putAll(byName);
        return Collections.unmodifiableMap(inFileOrder);
    }

    /** The tensor names of a safetensors header, ordered by where their data starts. */
    private static List<String> namesInFileOrder(byte[] bytes) {
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength <= 0 || headerLength > bytes.length - 8) {
            throw new IllegalArgumentException("not a valid safetensors file: header length " + headerLength
                    + " exceeds the file size " + bytes.length);
        }
        JsonNode header;
        try {
            header = new ObjectMapper().readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid safetensors file: " + e.getOriginalMessage(), e);
        }
        List<String> names = new ArrayList<>();
        header.fieldNames().forEachRemaining(names::add);
        names.remove("__metadata__");
        names.sort(Comparator.comparingLong(n -> header.path(n).path("data_offsets").path(0).asLong()));
        return names;
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
