package org.latentnav.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentnav.testing.TorchScriptFixtures;

class NpyTest {
    @TempDir Path dir;

    /** Builds a .npy file by hand: magic, version, header length, header, data. */
    private Path file(int major, String header, byte[] data) throws IOException {
        byte[] text = header.getBytes(StandardCharsets.ISO_8859_1);
        int prefix = major == 1 ? 10 : 12;
        ByteBuffer buffer =
                ByteBuffer.allocate(prefix + text.length + data.length)
                        .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            buffer.putShort((short) text.length);
        } else {
            buffer.putInt(text.length);
        }
        buffer.put(text).put(data);
        return Files.write(dir.resolve("a.npy"), buffer.array());
    }

    private static byte[] doubles(ByteOrder order, double... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 8).order(order);
        for (double v : values) {
            buffer.putDouble(v);
        }
        return buffer.array();
    }

    @Test
    void readsNumpyWrittenFile() throws IOException {
        Npy.Array walks = Npy.read(TorchScriptFixtures.path("expected/walks.npy"));
        assertArrayEquals(new long[] {3, 6, 16}, walks.shape());
        assertEquals(3 * 6 * 16, walks.data().length);
    }

    @Test
    void writeThenReadRoundTrips() throws IOException {
        float[] data = {1f, -2.5f, 3e-8f, Float.MAX_VALUE, 0f, 6f};
        for (long[] shape : new long[][] {{6}, {2, 3}, {1, 2, 3}}) {
            Path file = dir.resolve("round-" + shape.length + ".npy");
            Npy.write(file, data, shape);
            Npy.Array read = Npy.read(file);
            assertArrayEquals(shape, read.shape(), Arrays.toString(shape));
            assertArrayEquals(data, read.data(), Arrays.toString(shape));
            byte[] bytes = Files.readAllBytes(file);
            int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
            assertEquals(0, (10 + headerLength) % 64, "data must start on a 64-byte boundary");
        }
    }

    @Test
    void readsFloat64BigEndianVersion2() throws IOException {
        String header = "{'descr': '>f8', 'fortran_order': False, 'shape': (3,), }\n";
        Path file = file(2, header, doubles(ByteOrder.BIG_ENDIAN, 1.5, -2, 0.25));
        Npy.Array read = Npy.read(file);
        assertArrayEquals(new long[] {3}, read.shape());
        assertArrayEquals(new float[] {1.5f, -2f, 0.25f}, read.data());
    }

    @Test
    void readsScalarShape() throws IOException {
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (), }\n";
        Npy.Array read = Npy.read(file(1, header, doubles(ByteOrder.LITTLE_ENDIAN, 7)));
        assertEquals(0, read.shape().length);
        assertArrayEquals(new float[] {7f}, read.data());
    }

    @Test
    void fortranOrderIsRejected() throws IOException {
        String header = "{'descr': '<f8', 'fortran_order': True, 'shape': (1, 2), }\n";
        Path file = file(1, header, doubles(ByteOrder.LITTLE_ENDIAN, 1, 2));
        IOException e = assertThrows(IOException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().contains("Fortran order"), e.getMessage());
    }

    @Test
    void integerDataIsRejected() throws IOException {
        String header = "{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }\n";
        Path file = file(1, header, new byte[8]);
        IOException e = assertThrows(IOException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().contains("dtype '<i8'"), e.getMessage());
    }

    @Test
    void truncatedDataIsRejected() throws IOException {
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }\n";
        Path file = file(1, header, doubles(ByteOrder.LITTLE_ENDIAN, 1, 2, 3));
        IOException e = assertThrows(IOException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void otherFileIsRejected() throws IOException {
        Path file = Files.writeString(dir.resolve("b.npy"), "not numpy at all");
        IOException e = assertThrows(IOException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().contains("not a NumPy .npy file"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("missing.npy");
        IOException e = assertThrows(IOException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
