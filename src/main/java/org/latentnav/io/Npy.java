package org.latentnav.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files of float32 or float64 arrays in C order, in format
 * versions 1.0 to 3.0. Values are returned as float32.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** An array read from a .npy file: its shape and its values in C order. */
    public record Array(long[] shape, float[] data) {
        public long size() {
            return data.length;
        }

        @Override
        public String toString() {
            return "array of shape " + Arrays.toString(shape);
        }
    }

    /** Reads a .npy file; an unsupported or damaged file raises IOException naming it. */
    public static Array read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "NumPy file not found");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        String header = readHeader(file, buffer);
        String descr = field(file, header, DESCR, "descr");
        boolean doubles = descr.endsWith("f8");
        if (!descr.matches("[<>]f[48]")) {
            throw new IOException(
                    file
                            + " has dtype '"
                            + descr
                            + "'; only float32 and float64 are read. Convert it with"
                            + " array.astype(numpy.float32).");
        }
        if (field(file, header, FORTRAN, "fortran_order").equals("True")) {
            throw new IOException(
                    file
                            + " is stored in Fortran order; save numpy.ascontiguousarray(array)"
                            + " instead.");
        }

        long[] shape = parseShape(file, field(file, header, SHAPE, "shape"));
        long count = 1;
        for (long dimension : shape) {
            count = Math.multiplyExact(count, dimension);
        }
        int width = doubles ? Double.BYTES : Float.BYTES;
        if (count > Integer.MAX_VALUE || buffer.remaining() != count * width) {
            throw new IOException(
                    file
                            + " should contain "
                            + count
                            + " values of "
                            + width
                            + " bytes after its header but has "
                            + buffer.remaining()
                            + " bytes: the file is truncated or damaged.");
        }

        buffer.order(descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        float[] data = new float[(int) count];
        for (int i = 0; i < data.length; i++) {
            data[i] = doubles ? (float) buffer.getDouble() : buffer.getFloat();
        }
        return new Array(shape, data);
    }

    private static String readHeader(Path file, ByteBuffer buffer) throws IOException {
        if (buffer.remaining() < 10) {
            throw new IOException(file + " is too short to be a NumPy .npy file.");
        }
        byte[] magic = new byte[MAGIC.length];
        buffer.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException(
                    file + " is not a NumPy .npy file (the magic string is missing).");
        }
        int major = buffer.get() & 0xff;
        buffer.get(); // minor version
        long length;
        if (major == 1) {
            length = buffer.getShort() & 0xffff;
        } else if (major == 2 || major == 3) {
            length = buffer.getInt() & 0xffffffffL;
        } else {
            throw new IOException(
                    file + " uses .npy format version " + major + "; 1 to 3 are read.");
        }
        if (length > buffer.remaining()) {
            throw new IOException(file + " ends inside its header: the file is truncated.");
        }
        byte[] header = new byte[(int) length];
        buffer.get(header);
        return new String(
                header, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    private static String field(Path file, String header, Pattern pattern, String name)
            throws IOException {
        Matcher matcher = pattern.matcher(header);
        if (!matcher.find()) {
            throw new IOException(file + " has no '" + name + "' in its header: " + header.trim());
        }
        return matcher.group(1);
    }

    private static long[] parseShape(Path file, String text) throws IOException {
        List<Long> dimensions = new ArrayList<>();
        for (String part : text.split(",")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                dimensions.add(Long.parseLong(trimmed.replace("L", "")));
            } catch (NumberFormatException e) {
                throw new IOException(
                        file + " has an invalid shape (" + text + ") in its header.", e);
            }
        }
        return dimensions.stream().mapToLong(Long::longValue).toArray();
    }

    /** Writes float32 values in C order with the given shape as a version 1.0 .npy file. */
    public static void write(Path file, float[] data, long... shape) throws IOException {
        long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (count != data.length) {
            throw new IllegalArgumentException(
                    "Shape "
                            + Arrays.toString(shape)
                            + " needs "
                            + count
                            + " values, got "
                            + data.length);
        }
        byte[] header = header(shape).getBytes(StandardCharsets.ISO_8859_1);

        ByteBuffer buffer =
                ByteBuffer.allocate(10 + header.length + data.length * Float.BYTES)
                        .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length);
        buffer.put(header);
        for (float value : data) {
            buffer.putFloat(value);
        }
        AtomicFiles.writeBytes(file, buffer.array());
    }

    /**
     * Returns the header of a little-endian float32 array, padded with spaces so that the data
     * after the 10-byte prefix and the header starts at a multiple of 64 bytes.
     */
    private static String header(long[] shape) {
        StringBuilder dimensions = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            dimensions.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        if (shape.length == 1) {
            dimensions.append(',');
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dimensions + "), }";
        int unpadded = 10 + dict.length() + 1;
        int padded = (unpadded + 63) / 64 * 64;
        return dict + " ".repeat(padded - unpadded) + "\n";
    }
}
