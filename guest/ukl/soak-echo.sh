# The echo part of the reliability soak, run by the guest's init on the UKL
# kernel with the sample echo server (samples/tcp_server) linked in: the
# server started from the shell and SIGKILLed every PERIOD seconds for
# DURATION seconds while the host keeps its connections busy; then one last
# instance the host checks, and the kernel log. Prints KTAP; "# soak:" lines
# are figures. DURATION and PERIOD are set by `ukl soak` before this script.
cd /tmp
DURATION=${DURATION:-600}
PERIOD=${PERIOD:-10}

echo "KTAP version 1"
echo "1..3"
start=$(date +%s)
restarts=0
killed=0
while [ $(($(date +%s) - start)) -lt "$DURATION" ]; do
	/UKL 5555 >/dev/null 2>&1 &
	pid=$!
	[ $restarts -eq 0 ] && sleep 2 && echo "# soak-echo: serving"
	sleep "$PERIOD"
	kill -9 $pid
	wait $pid
	[ $? -eq 137 ] && killed=$((killed + 1))
	restarts=$((restarts + 1))
done
echo "# soak: echo server killed $killed times of $restarts, every $PERIOD s for $(($(date +%s) - start)) s"
[ "$killed" -eq "$restarts" ] && [ "$restarts" -gt 0 ] &&
	result ok echo_server_killed_every_period ||
	result fail echo_server_killed_every_period

# one more instance: the host checks that it serves every byte
/UKL 5555 >/tmp/last.out 2>&1 &
pid=$!
sleep 2
echo "# soak-echo: final instance"
# (the host has 30 s for it)
sleep 30
kill -9 $pid
wait $pid
grep -q "listening" /tmp/last.out && result ok last_instance_started || result fail last_instance_started

kernel_quiet no_kernel_warnings soak:
exit $failed
