# The reliability soak, run by the guest's init with the UKL kernel and the
# UKL test app linked in: what run.sh checks once, many times over. Prints
# KTAP; the "# soak:" lines are the figures `ukl soak` reports. KILLS and
# SYSCALLS are set by `ukl soak` before this script.
cd /tmp
T=/apps/ukl_tests
KILLS=${KILLS:-1000}
SYSCALLS=${SYSCALLS:-1000000}
BATCH=10000

# MemAvailable in kB once the page cache is dropped; the processes alive
mem_available() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	awk '/^MemAvailable:/ { print $2 }' /proc/meminfo
}
tasks() {
	ls -d /proc/[0-9]* | wc -l
}

echo "KTAP version 1"
echo "1..4"

# 1. The app started and SIGKILLed at random points, mostly inside system
# calls (churn makes them without end): nothing may stay behind.
/UKL churn &
sleep 1
kill -9 $!
wait $! 2>/dev/null
tasks_before=$(tasks)
mem_before=$(mem_available)
i=0
killed=0
start=$(date +%s)
while [ $i -lt "$KILLS" ]; do
	/UKL churn &
	pid=$!
	usleep $(((${RANDOM:-$i} * 7919) % 20000))
	kill -9 $pid
	wait $pid
	[ $? -eq 137 ] && killed=$((killed + 1))
	i=$((i + 1))
done
tasks_after=$(tasks)
mem_after=$(mem_available)
echo "# soak: kills $killed of $KILLS in $(($(date +%s) - start)) s; tasks $tasks_before -> $tasks_after; MemAvailable $mem_before -> $mem_after kB"
if [ "$killed" -eq "$KILLS" ] && [ "$tasks_after" -le "$tasks_before" ] &&
	[ $((mem_before - mem_after)) -le 1024 ]; then
	result ok killed_at_random_nothing_left
else
	result fail killed_at_random_nothing_left
fi

# 2. Random system calls from the app at CPL 0, then from the same program
# as an ordinary process, in batches (a batch may end its own process:
# that is counted, and the next batch starts with the next seed).
fuzz() {
	form=$1
	prog=$2
	batches=$((SYSCALLS / BATCH))
	b=0
	died=0
	calls=0
	succeeded=0
	start=$(date +%s)
	while [ $b -lt $batches ]; do
		# a batch stuck in a call the timer cannot end (stopped by its
		# own SIGSTOP, or restarting a call longer than the timer's period)
		# is ended after 20 s
		echo "# $form fuzz seed $((b + 1))"
		# its output through a pipe: a file on tmpfs would be its to
		# fallocate or grow until the guest's memory is gone
		out=$(timeout -s KILL 20 $prog fuzz $BATCH $((b + 1)) 2>/dev/null </dev/null)
		[ $? -ne 0 ] && died=$((died + 1))
		set -- $(echo "$out" | sed -n 's/^fuzz: \([0-9]*\) calls, \([0-9]*\) succeeded$/\1 \2/p')
		calls=$((calls + ${1:-0}))
		succeeded=$((succeeded + ${2:-0}))
		b=$((b + 1))
	done
	echo "# soak: $form random system calls: $batches batches of $BATCH in $(($(date +%s) - start)) s; $died batches ended by a signal or the 20 s limit; $calls calls counted by batches that reported, $succeeded of them succeeded"
	if $T cpl 3 >/dev/null && /UKL cpl 0 >/dev/null; then
		result ok "${form}_random_syscalls_kernel_alive"
	else
		result fail "${form}_random_syscalls_kernel_alive"
	fi
}
fuzz ukl /UKL
fuzz user_form $T

kernel_quiet no_kernel_warnings soak:
exit $failed
