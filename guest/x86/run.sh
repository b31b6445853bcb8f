# The kernel's own x86 selftests (tools/testing/selftests/x86) as ordinary
# processes, each as root and as nobody; ukl compares the exit statuses of
# two boots (plain kernel, UKL kernel). With UKL_APP=1 the UKL app (/UKL)
# is started first and must still run when the tests are done.
# Variables: PER_TEST (seconds per run), UKL_APP (1 or 0).
# Prints "x86-selftest: WHO NAME STATUS" per run, the [FAIL] lines of a run
# that failed as diagnostics, "x86-selftest: app STATE" and "x86-selftest: end".
cd /tmp
if [ "$UKL_APP" = 1 ]; then
	/UKL >/tmp/app.out 2>&1 &
	app=$!
	i=0
	while ! grep -q listening /tmp/app.out && [ $i -lt 100 ]; do
		usleep 100000
		i=$((i + 1))
	done
	echo "x86-selftest: app started: $(cat /tmp/app.out)"
fi
for t in /x86/*; do
	name=${t##*/}
	for who in root nobody; do
		if [ $who = root ]; then
			timeout "$PER_TEST" "$t" >/tmp/t.out 2>&1
		else
			timeout "$PER_TEST" /guest/tools/as-nobody "$t" >/tmp/t.out 2>&1
		fi
		rc=$?
		if [ $rc -ne 0 ]; then
			grep -E '^\[(FAIL|SKIP)\]' /tmp/t.out | head -n 5 | sed 's/^/# /'
		fi
		echo "x86-selftest: $who $name $rc"
	done
done
if [ "$UKL_APP" = 1 ]; then
	if kill -0 "$app" 2>/dev/null; then
		echo "x86-selftest: app running"
	else
		wait "$app"
		echo "x86-selftest: app ended with status $?"
	fi
fi
echo "x86-selftest: end"
