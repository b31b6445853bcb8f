package bench;

import dev.ukl.sys.Sys;

/**
 * The main cases of guest/ukl-bench in Java: getppid and 1-byte pipe writes and reads through
 * dev.ukl.sys, measured the same way (batches timed with the time-stamp counter, which counts
 * guest instructions under -icount) and reported in the same lines, after all cases ran:
 * "bench NAME CALLS TOTAL BATCH CHEAPEST-BATCH".
 */
public final class SyscallBench {
    private static final int CALLS = 20000;
    private static final int GETPPID = 110;

    private final StringBuilder report = new StringBuilder();

    private SyscallBench() {
    }

    /** One case's totals. */
    private static final class Result {
        final String name;
        final int batch;
        long calls;
        long total;
        long best = -1;

        Result(String name, int batch) {
            this.name = name;
            this.batch = batch;
        }

        void add(long ticks) {
            calls += batch;
            total += ticks;
            if (best < 0 || ticks < best) {
                best = ticks;
            }
        }
    }

    private void emit(Result r) {
        report.append("bench ").append(r.name).append(' ').append(r.calls).append(' ').append(r.total)
                .append(' ').append(r.batch).append(' ').append(r.best).append('\n');
    }

    private void getppid() {
        Result r = new Result("java_getppid", 10);
        for (int b = 0; b < CALLS / 10; b++) {
            long t = Sys.rdtsc();
            for (int i = 0; i < 10; i++) {
                Sys.syscall(GETPPID);
            }
            r.add(Sys.rdtsc() - t);
        }
        emit(r);
    }

    private void pipe() {
        int[] p = new int[2];
        if (Sys.pipe(p) != 0) {
            throw new IllegalStateException("pipe failed");
        }
        byte[] one = new byte[1];
        Result w = new Result("java_pipe_write_1", 10);
        Result rd = new Result("java_pipe_read_1", 10);
        for (int done = 0; done < CALLS; done += 10) {
            long t = Sys.rdtsc();
            for (int i = 0; i < 10; i++) {
                if (Sys.write(p[1], one, 0, 1) != 1) {
                    throw new IllegalStateException("write failed");
                }
            }
            w.add(Sys.rdtsc() - t);
            t = Sys.rdtsc();
            for (int i = 0; i < 10; i++) {
                if (Sys.read(p[0], one, 0, 1) != 1) {
                    throw new IllegalStateException("read failed");
                }
            }
            rd.add(Sys.rdtsc() - t);
        }
        emit(w);
        emit(rd);
    }

    public static void main(String[] args) {
        SyscallBench b = new SyscallBench();
        b.getppid();
        b.pipe();
        System.out.print(b.report);
        System.out.println("bench done");
    }
}
