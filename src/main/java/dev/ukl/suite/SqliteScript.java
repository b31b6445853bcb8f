package dev.ukl.suite;

/**
 * The SQL the SQLite shell runs in both forms: a table, 10,000 rows inserted one statement at a
 * time in one transaction, an index, and aggregate queries whose results are deterministic.
 */
public final class SqliteScript {
    public static final int ROWS = 10_000;

    private SqliteScript() {
    }

    /** Writes the script as script.sql in the directory; returns its path. */
    public static java.nio.file.Path write(java.nio.file.Path dir) {
        java.nio.file.Path script = dir.resolve("script.sql");
        try {
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.writeString(script, text());
        } catch (java.io.IOException e) {
            throw new dev.ukl.UklException("cannot write " + script + ": " + e.getMessage());
        }
        return script;
    }

    public static String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("CREATE TABLE sales(id INTEGER PRIMARY KEY, region TEXT, item TEXT, qty INTEGER, price REAL);\n");
        sb.append("BEGIN;\n");
        for (int i = 1; i <= ROWS; i++) {
            sb.append("INSERT INTO sales(region, item, qty, price) VALUES('region").append(i % 7)
                    .append("', 'item").append((i * 37) % 101).append("', ").append((i * 13) % 50 + 1)
                    .append(", ").append((i * 7919) % 10000).append(" / 100.0);\n");
        }
        sb.append("COMMIT;\n");
        sb.append("CREATE INDEX sales_region_item ON sales(region, item);\n");
        sb.append(".headers on\n");
        sb.append("SELECT count(*) AS rows, sum(qty) AS units, printf('%.4f', avg(price)) AS avg_price,"
                + " min(price), max(price) FROM sales;\n");
        sb.append("SELECT region, count(*) AS n, printf('%.2f', sum(qty * price)) AS revenue FROM sales"
                + " GROUP BY region ORDER BY region;\n");
        sb.append("SELECT item, count(*) AS n, sum(qty) AS units FROM sales WHERE region = 'region3'"
                + " GROUP BY item ORDER BY n DESC, item LIMIT 5;\n");
        sb.append("EXPLAIN QUERY PLAN SELECT sum(qty) FROM sales WHERE region = 'region3' AND item = 'item5';\n");
        sb.append(".headers off\n");
        sb.append("PRAGMA integrity_check;\n");
        return sb.toString();
    }
}
