# A server benchmark's guest side, run by the guest's init (ukl bench echo,
# ukl bench redis): SERVER (the app as /UKL or its user program) starts with
# ARGS; once its output shows READY the plugin counts every guest
# instruction in 1 + WINDOWS windows, each closed when the host connects to
# port 6000: an empty one first (what the markers and the trigger cost),
# then one around each of the host's loads.
cd /tmp
M=/guest/tools/profile-mark
eval "$SERVER $ARGS" >/tmp/server.out 2>&1 &
pid=$!
n=0
while ! grep -q "$READY" /tmp/server.out; do
	n=$((n + 1))
	if [ $n -gt 600 ] || ! kill -0 $pid 2>/dev/null; then
		echo "# bench-server: the server did not start"
		cat /tmp/server.out
		exit 1
	fi
	usleep 100000
done
window() {
	$M group
	$M on
	nc -l -p 6000 </dev/null >/dev/null
	$M off
}
echo "# bench-server: calibrate"
window
i=1
while [ $i -le "$WINDOWS" ]; do
	echo "# bench-server: load $i"
	window
	i=$((i + 1))
done
echo "# bench-server: done"
kill $pid
wait $pid
echo "# bench-server: server stopped"
