package dev.doppel.pipeline.family;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A saved model folder as one object: checkpoints travel to the object store as a zip. Stored,
 * not deflated (weights barely compress and the CPU is busy training), and as zip's STORED
 * method, which copies the bytes as they are: deflate at level 0 still passes every byte through
 * zlib, and packing a full-width 64 px Original took 7.8 s beside the steps instead of about one.
 */
public final class CheckpointArchive {

    private static final int BUFFER = 1 << 20;

    private CheckpointArchive() {
    }

    public static void pack(Path folder, Path zip) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(zip), BUFFER); ZipOutputStream archive = new ZipOutputStream(out)) {
            for (Path file : files) {
                ZipEntry entry = new ZipEntry(folder.relativize(file).toString().replace('\\', '/'));
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(Files.size(file));
                entry.setCrc(crc(file));
                archive.putNextEntry(entry);
                Files.copy(file, archive);
                archive.closeEntry();
            }
        }
    }

    public static void unpack(Path zip, Path folder) throws IOException {
        Files.createDirectories(folder);
        Path root = folder.toRealPath();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream archive = new ZipInputStream(in)) {
            for (ZipEntry entry = archive.getNextEntry(); entry != null; entry = archive.getNextEntry()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("checkpoint entry escapes its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(archive, target);
                }
            }
        }
    }

    /** STORED entries carry their checksum ahead of their bytes. */
    private static long crc(Path file) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                crc.update(buffer);
                buffer.clear();
            }
        }
        return crc.getValue();
    }
}
