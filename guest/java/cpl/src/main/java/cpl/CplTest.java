package cpl;

import dev.ukl.sys.Sys;

/**
 * KTAP: the program runs at the privilege level named by its argument (0 as the UKL app, 3 as a
 * user program), and the system API works there: a pipe round trip, a raw system call, a
 * loopback TCP connection.
 */
public final class CplTest {
    private static int n;
    private static int failed;

    private CplTest() {
    }

    private static void check(boolean ok, String name, String detail) {
        n++;
        if (!ok) {
            failed++;
            System.out.println("# " + name + ": " + detail);
        }
        System.out.println((ok ? "ok " : "not ok ") + n + " " + name);
    }

    public static void main(String[] args) {
        int want = Integer.parseInt(args[0]);
        System.out.println("KTAP version 1");
        System.out.println("1..4");
        int cpl = Sys.cpl();
        check(cpl == want, "runs_at_cpl" + want, "cpl is " + cpl);

        int[] p = new int[2];
        byte[] out = "through a pipe".getBytes();
        byte[] in = new byte[64];
        boolean pipeOk = Sys.pipe(p) == 0 && Sys.write(p[1], out, 0, out.length) == out.length
                && Sys.read(p[0], in, 0, in.length) == out.length
                && new String(in, 0, out.length).equals("through a pipe");
        Sys.close(p[0]);
        Sys.close(p[1]);
        check(pipeOk, "pipe_round_trip", "pipe, write or read failed");

        long pid = Sys.syscall(39);
        long ppid = Sys.syscall(110);
        check(pid > 1 && ppid >= 1 && pid != ppid, "raw_syscalls", "getpid " + pid + " getppid " + ppid);

        int listener = Sys.tcpListen(6001, 4);
        int client = Sys.tcpConnect(6001);
        int server = Sys.accept(listener);
        byte[] msg = "hello over tcp".getBytes();
        byte[] got = new byte[64];
        boolean tcpOk = listener >= 0 && client >= 0 && server >= 0
                && Sys.write(client, msg, 0, msg.length) == msg.length
                && Sys.read(server, got, 0, got.length) == msg.length;
        check(tcpOk, "tcp_loopback", "listen " + listener + " connect " + client + " accept " + server);
        Sys.close(server);
        Sys.close(client);
        Sys.close(listener);
        Sys.exit(failed == 0 ? 0 : 1);
    }
}
