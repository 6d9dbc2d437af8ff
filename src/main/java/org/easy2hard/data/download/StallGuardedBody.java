package org.easy2hard.data.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read as an {@link InputStream} that gives up when no bytes arrive for a while.
 *
 * <p>Why not {@code BodyHandlers.ofInputStream()}: the JDK client's request timeout stops at the response headers,
 * and its input stream waits for the body forever, so a server that stalls mid-transfer would hang the download.
 * Here the body is pulled one chunk at a time through a queue that is polled with the idle timeout.
 */
final class StallGuardedBody extends InputStream implements HttpResponse.BodySubscriber<InputStream> {

    /** Marks the end of the body in the queue. */
    private static final Object END = new Object();

    private final Duration idleTimeout;
    /** Holds lists of buffers, a Throwable from the connection, or {@link #END}; at most one chunk is requested ahead. */
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final CompletableFuture<InputStream> self = CompletableFuture.completedFuture(this);
    private volatile Flow.Subscription subscription;
    private Iterator<ByteBuffer> buffers = List.<ByteBuffer>of().iterator();
    private ByteBuffer current = ByteBuffer.allocate(0);
    private boolean ended;
    private boolean closed;

    private StallGuardedBody(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    /** A body handler whose bodies fail with an {@link IOException} after {@code idleTimeout} without data. */
    static HttpResponse.BodyHandler<InputStream> handler(Duration idleTimeout) {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        return responseInfo -> new StallGuardedBody(idleTimeout);
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return self;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        queue.add(throwable);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (closed) {
            throw new IOException("body stream is closed");
        }
        if (length == 0) {
            return 0;
        }
        while (!current.hasRemaining()) {
            if (buffers.hasNext()) {
                current = buffers.next();
                continue;
            }
            if (ended || !nextChunk()) {
                ended = true;
                return -1;
            }
        }
        int n = Math.min(length, current.remaining());
        current.get(target, offset, n);
        return n;
    }

    /** Waits for the next chunk; false at the end of the body. */
    private boolean nextChunk() throws IOException {
        Object item;
        try {
            item = queue.poll(idleTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new InterruptedIOException("interrupted while waiting for the response body");
        }
        if (item == null) {
            cancel();
            throw new IOException("no data received for " + idleTimeout + " (the transfer stalled)");
        }
        if (item == END) {
            return false;
        }
        if (item instanceof Throwable failure) {
            throw failure instanceof IOException io ? new IOException(io.getMessage(), io) : new IOException(failure);
        }
        @SuppressWarnings("unchecked")
        List<ByteBuffer> chunk = (List<ByteBuffer>) item;
        buffers = chunk.iterator();
        subscription.request(1);
        return true;
    }

    private void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            // Stops the transfer if the body was not read to the end (an error answer, a failed check).
            cancel();
        }
    }
}
