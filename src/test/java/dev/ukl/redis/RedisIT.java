package dev.ukl.redis;

import dev.ukl.guest.Form;
import dev.ukl.Project;
import dev.ukl.guest.AppRunner;
import dev.ukl.guest.Pipeline;
import dev.ukl.ktap.TestResult;
import dev.ukl.util.Proc;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis, built unchanged from Debian's source, as a user program and as the UKL app, each in one
 * boot: redis-cli and redis-benchmark from the host; snapshots and AOF rewrites through fork,
 * checked by loading what the child wrote; then Redis's own tests (a quick subset of units) in
 * both forms, which must agree.
 */
class RedisIT {
    private final Pipeline pipeline = new Pipeline(Project.locate(), new PrintWriter(System.out, true))
            .ensurePrerequisites();

    private static String cli(int port, String... args) {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        cmd.addAll(List.of(args));
        Proc.Result r = Proc.run(null, cmd);
        assertThat(r.ok()).as(String.join(" ", args) + ": " + r.output()).isTrue();
        return r.output().strip();
    }

    private static void awaitField(int port, String section, String field, String value) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (cli(port, "info", section).lines().anyMatch(l -> l.strip().equals(field + ":" + value))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(field + " never became " + value);
    }

    @Test
    void servesBenchmarksForksAndPassesItsOwnTestsInBothForms() throws Exception {
        RedisSuite suite = new RedisSuite(pipeline);
        RedisSuite.Sample sample = suite.sample();
        TestRunner runner = RedisSuite.runner(sample, RedisSuite.QUICK_UNITS, "-slow");
        List<TestLog> logs = new ArrayList<>();
        for (Form mode : List.of(Form.USER, Form.UKL_SHELL)) {
            try (RedisSuite.Server server = suite.serve(sample, mode, null)) {
                int port = server.port();
                assertThat(cli(port, "set", "k", "v")).isEqualTo("OK");
                assertThat(cli(port, "get", "k")).isEqualTo("v");
                assertThat(cli(port, "info", "server")).contains("redis_version:7.0.15");

                // 50 clients at once (the default) through the port forward, no error
                Proc.Result bench = Proc.run(null, List.of("redis-benchmark", "-h", "127.0.0.1", "-p",
                        Integer.toString(port), "-q", "-n", "100000", "-t", "set,get"));
                String out = bench.output().replace('\r', '\n');
                assertThat(bench.ok()).as(out).isTrue();
                assertThat(out).as(server.form()).doesNotContainIgnoringCase("error")
                        .containsPattern("SET: [0-9.]+ requests per second").containsPattern("GET: [0-9.]+ requests per second");

                forkedPersistenceIsCorrect(port);
                assertThat(cli(port, "ping")).isEqualTo("PONG");

                logs.add(suite.test(server, runner));
                assertThat(cli(port, "ping")).as("the server after its tests").isEqualTo("PONG");
            }
        }
        TestResult comparison = RedisSuite.compare(logs.get(0), logs.get(1));
        System.out.println("redis (ukl vs user): " + comparison.count(TestResult.Status.PASS) + " agree, failures: "
                + comparison.failures());
        assertThat(comparison.failures()).isEmpty();
        // the subset is hundreds of real tests, and nearly all pass
        assertThat(logs.get(1).with(TestLog.Status.OK)).hasSizeGreaterThan(300);
        assertThat(logs.get(1).with(TestLog.Status.ERR)).hasSizeLessThan(5);
    }

    /**
     * BGSAVE and BGREWRITEAOF are the fork child's work: load what it wrote back into the server
     * and the data must be the data at the fork, whatever the parent changed since.
     */
    private static void forkedPersistenceIsCorrect(int port) throws InterruptedException {
        cli(port, "flushall");
        for (int i = 0; i < 200; i++) {
            cli(port, "set", "snap:" + i, "v" + i);
        }
        cli(port, "rpush", "snap:list", "a", "b", "c");
        assertThat(cli(port, "bgsave")).isEqualTo("Background saving started");
        awaitField(port, "persistence", "rdb_bgsave_in_progress", "0");
        assertThat(cli(port, "info", "persistence")).contains("rdb_last_bgsave_status:ok");
        // changed after the snapshot: the reload must bring back the snapshot's data
        cli(port, "set", "snap:0", "changed");
        cli(port, "set", "after", "x");
        assertThat(cli(port, "debug", "reload", "nosave")).isEqualTo("OK");
        assertThat(cli(port, "get", "snap:0")).isEqualTo("v0");
        assertThat(cli(port, "get", "snap:199")).isEqualTo("v199");
        assertThat(cli(port, "exists", "after")).isEqualTo("0");
        assertThat(cli(port, "lrange", "snap:list", "0", "-1")).isEqualTo("a\nb\nc");
        assertThat(cli(port, "dbsize")).isEqualTo("201");

        // the AOF: turned on (a first rewrite), rewritten again, written to after; loading it
        // replays the rewrite's base and what followed
        cli(port, "config", "set", "appendonly", "yes");
        awaitField(port, "persistence", "aof_rewrite_in_progress", "0");
        cli(port, "incrby", "counter", "5");
        assertThat(cli(port, "bgrewriteaof")).isEqualTo("Background append only file rewriting started");
        awaitField(port, "persistence", "aof_rewrite_in_progress", "0");
        assertThat(cli(port, "info", "persistence")).contains("aof_last_bgrewrite_status:ok");
        cli(port, "incrby", "counter", "2");
        assertThat(cli(port, "debug", "loadaof")).isEqualTo("OK");
        assertThat(cli(port, "get", "counter")).isEqualTo("7");
        assertThat(cli(port, "get", "snap:0")).isEqualTo("v0");
        assertThat(cli(port, "dbsize")).isEqualTo("202");
        cli(port, "config", "set", "appendonly", "no");
        cli(port, "flushall");
    }
}
