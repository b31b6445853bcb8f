# The SQLite shell from Debian's source package, as a static musl program
# (/apps/sqlite3) and as the UKL app (/UKL), each running /sql/script.sql
# on its own database in tmpfs. Outputs must be identical. One KTAP report;
# the UKL output is shown as comments.
cd /tmp
echo "KTAP version 1"
echo "1..3"
/apps/sqlite3 /tmp/user.db </sql/script.sql >/tmp/user.out 2>&1
echo "exit $?" >>/tmp/user.out
/UKL /tmp/ukl.db </sql/script.sql >/tmp/ukl.out 2>&1
echo "exit $?" >>/tmp/ukl.out
sed 's/^/# ukl: /' /tmp/ukl.out
failed=0
if grep -q '^exit 0$' /tmp/user.out && grep -q '^ok$' /tmp/user.out; then
	echo "ok 1 user_form_runs_the_script"
else
	sed 's/^/# user: /' /tmp/user.out
	echo "not ok 1 user_form_runs_the_script"
	failed=$((failed + 1))
fi
if cmp -s /tmp/user.out /tmp/ukl.out; then
	echo "ok 2 ukl_output_identical"
else
	sed 's/^/# user: /' /tmp/user.out
	echo "not ok 2 ukl_output_identical"
	failed=$((failed + 1))
fi
# the UKL app's database file is a real SQLite file the user form can read
if [ "$(/apps/sqlite3 /tmp/ukl.db 'select count(*) from sales')" = 10000 ]; then
	echo "ok 3 ukl_database_readable_by_user_form"
else
	echo "not ok 3 ukl_database_readable_by_user_form"
	failed=$((failed + 1))
fi
exit $failed
