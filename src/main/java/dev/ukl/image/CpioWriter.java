package dev.ukl.image;

import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a newc ("070701") cpio archive, the format the kernel unpacks as initramfs.
 * Every field that could vary between runs (times, owners, inode and device numbers) is fixed,
 * so the same entries in the same order give the same bytes.
 */
public final class CpioWriter implements AutoCloseable {
    private final CpioArchiveOutputStream out;
    private long inode = 1;

    public CpioWriter(OutputStream sink) {
        this.out = new CpioArchiveOutputStream(sink, CpioConstants.FORMAT_NEW, 512, StandardCharsets.UTF_8.name());
    }

    public void directory(String path, int perm) throws IOException {
        put(entry(path, CpioConstants.C_ISDIR | perm, 0), new byte[0]);
    }

    public void file(String path, int perm, byte[] data) throws IOException {
        put(entry(path, CpioConstants.C_ISREG | perm, data.length), data);
    }

    public void symlink(String path, String target) throws IOException {
        byte[] t = target.getBytes(StandardCharsets.UTF_8);
        put(entry(path, CpioConstants.C_ISLNK | 0777, t.length), t);
    }

    public void charDevice(String path, int perm, int major, int minor) throws IOException {
        CpioArchiveEntry e = entry(path, CpioConstants.C_ISCHR | perm, 0);
        e.setRemoteDeviceMaj(major);
        e.setRemoteDeviceMin(minor);
        put(e, new byte[0]);
    }

    private CpioArchiveEntry entry(String path, int mode, long size) {
        CpioArchiveEntry e = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, path);
        e.setMode(mode);
        e.setSize(size);
        e.setTime(0);
        e.setUID(0);
        e.setGID(0);
        e.setInode(inode++);
        e.setDeviceMaj(0);
        e.setDeviceMin(1);
        e.setNumberOfLinks((mode & CpioConstants.S_IFMT) == CpioConstants.C_ISDIR ? 2 : 1);
        return e;
    }

    private void put(CpioArchiveEntry e, byte[] data) throws IOException {
        out.putArchiveEntry(e);
        out.write(data);
        out.closeArchiveEntry();
    }

    /** Writes the trailer and closes the sink. */
    @Override
    public void close() throws IOException {
        out.close();
    }
}
