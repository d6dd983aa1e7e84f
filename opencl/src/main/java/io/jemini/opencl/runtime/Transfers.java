package io.jemini.opencl.runtime;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what crosses between host and device: copies and bytes each way. The residency test
 * reads it to prove a training step moves only its inputs in and its loss and metrics out.
 */
public final class Transfers {
    private final AtomicLong uploads = new AtomicLong();
    private final AtomicLong uploadBytes = new AtomicLong();
    private final AtomicLong downloads = new AtomicLong();
    private final AtomicLong downloadBytes = new AtomicLong();

    /** A point-in-time copy of the counters. */
    public record Snapshot(long uploads, long uploadBytes, long downloads, long downloadBytes) {
        /** Nothing moved: what a run on the JVM backend reports. */
        public static final Snapshot NONE = new Snapshot(0, 0, 0, 0);

        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(uploads - earlier.uploads, uploadBytes - earlier.uploadBytes,
                    downloads - earlier.downloads, downloadBytes - earlier.downloadBytes);
        }
    }

    void upload(long bytes) {
        uploads.incrementAndGet();
        uploadBytes.addAndGet(bytes);
    }

    void download(long bytes) {
        downloads.incrementAndGet();
        downloadBytes.addAndGet(bytes);
    }

    public Snapshot snapshot() {
        return new Snapshot(uploads.get(), uploadBytes.get(), downloads.get(), downloadBytes.get());
    }
}
